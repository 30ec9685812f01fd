using Reqnroll;

namespace BackupAcceptance.Suite.Support;

/// <summary>Evidence for auditors: a text written to the test output and attached to the test (TRX, reports).</summary>
public static class Evidence
{
    public static void Attach(IReqnrollOutputHelper output, string name, string text)
    {
        output.WriteLine($"--- {name} ---\n{text}");
        var directory = Path.Combine(SuiteSettings.ResultsDirectory(), "attachments");
        Directory.CreateDirectory(directory);
        var safeName = string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-'));
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}-{safeName}.txt");
        File.WriteAllText(path, text);
        output.AddAttachment(path);
    }
}
