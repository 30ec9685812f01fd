using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Writes the Allure results folder: one <c>-result.json</c> per scenario, attachments beside them,
/// <c>environment.properties</c>, <c>executor.json</c> and <c>categories.json</c>. Files are written under a
/// temporary name and renamed, so a reader never sees half a file. Safe for parallel scenarios.
/// </summary>
public sealed class AllureResultsWriter(string directory)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public string Directory => directory;

    /// <summary>Removes an earlier run's results (they would count as retries). Only Allure's own files: a folder
    /// configured by mistake loses nothing else.</summary>
    public void Reset()
    {
        System.IO.Directory.CreateDirectory(directory);
        string[] ours = ["*-result.json", "*-container.json", "*-globals.json", "*-attachment.*", "environment.properties", "executor.json", "categories.json"];
        foreach (var file in ours.SelectMany(pattern => System.IO.Directory.EnumerateFiles(directory, pattern)))
            File.Delete(file);
    }

    public void WriteResult(AllureResult result) => WriteAtomically($"{result.Uuid}-result.json", JsonSerializer.Serialize(result, Json));

    public AllureAttachment WriteTextAttachment(string name, string text)
    {
        var source = $"{Guid.NewGuid()}-attachment.txt";
        WriteAtomically(source, text);
        return new AllureAttachment(name, source, "text/plain");
    }

    public AllureAttachment WriteSvgAttachment(string name, string svg)
    {
        var source = $"{Guid.NewGuid()}-attachment.svg";
        WriteAtomically(source, svg);
        return new AllureAttachment(name, source, "image/svg+xml");
    }

    /// <summary>An attachment of the whole run (Allure 3's global attachments, a <c>-globals.json</c>), not of a scenario.</summary>
    public void WriteGlobalAttachment(string name, string text, string type, string extension)
    {
        var source = $"{Guid.NewGuid()}-attachment{extension}";
        WriteAtomically(source, text);
        var globals = new { attachments = new[] { new { name, source, type, timestamp = DateTimeOffset.Now.ToUnixTimeMilliseconds() } } };
        WriteAtomically($"{Guid.NewGuid()}-globals.json", JsonSerializer.Serialize(globals, Json));
    }

    public void WriteEnvironment(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in entries)
            text.Append(Escape(key).Replace(" ", "\\ ")).Append('=').AppendLine(Escape(value));
        WriteAtomically("environment.properties", text.ToString());
    }

    public void WriteExecutor(object executor) => WriteAtomically("executor.json", JsonSerializer.Serialize(executor, Json));

    public void WriteCategories(IEnumerable<ReportCategory> categories) =>
        WriteAtomically("categories.json", JsonSerializer.Serialize(categories, Json));

    private void WriteAtomically(string name, string content)
    {
        System.IO.Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, content, new UTF8Encoding(false));
        File.Move(temporary, Path.Combine(directory, name), overwrite: true);
    }

    // Java properties: backslash, and separators in keys, must be escaped; non-ASCII is fine in UTF-8 readers.
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("=", "\\=").Replace(":", "\\:");
}
