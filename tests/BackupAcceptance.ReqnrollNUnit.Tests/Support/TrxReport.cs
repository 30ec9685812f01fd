using System.Xml.Linq;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>Reads the test results of a Visual Studio TRX file.</summary>
internal static class TrxReport
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static async Task<IReadOnlyList<TrxTestResult>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var document = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);

        // Results carry the display name; the FullName is only in the test definitions, split in two.
        var fullNames = document.Descendants(Trx + "UnitTest").ToDictionary(
            test => Attribute(test, "id"),
            test => test.Element(Trx + "TestMethod") is { } method
                ? $"{Attribute(method, "className")}.{Attribute(method, "name")}"
                : Attribute(test, "name"));

        return
        [
            .. document.Descendants(Trx + "UnitTestResult").Select(result =>
            {
                var output = result.Element(Trx + "Output");
                return new TrxTestResult(
                    fullNames[Attribute(result, "testId")],
                    Attribute(result, "testName"),
                    Attribute(result, "outcome"),
                    output?.Element(Trx + "ErrorInfo")?.Element(Trx + "Message")?.Value ?? "",
                    output?.Element(Trx + "StdOut")?.Value ?? "");
            }),
        ];
    }

    private static string Attribute(XElement element, string name) =>
        element.Attribute(name)?.Value ?? throw new InvalidDataException($"TRX element {element.Name.LocalName} has no {name}.");
}
