using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>A restore-like area holding one file whose content carries a secret marker: whatever a check says about it
/// must never hold the marker.</summary>
internal static class RestoredFixture
{
    public const string Marker = "SECRET-MARKER-c0ffee-7f3a9d";

    public static readonly string Content = $"root:$y$j9T$notahash$ {Marker}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n";

    public static async Task<RestoredFiles> CreateAsync(string name = "shadow", string? content = null, string? root = null)
    {
        var area = RestoreArea.Create(root);
        await File.WriteAllTextAsync(Path.Combine(area.Path, name), content ?? Content);
        return new RestoredFiles(new BackupTarget("ba-daily", "localhost", "/etc"), DumpDate.Parse("2026-12-06-12-00-00"), null,
            [RawPath.Parse(name)], area);
    }

    /// <summary>An area whose one restored entry <paramref name="name"/> is a symbolic link to <paramref name="target"/>,
    /// as tar restores a link amrecover listed as a file.</summary>
    public static async Task<RestoredFiles> LinkAsync(string name, string target)
    {
        var files = await CreateAsync("placeholder");
        File.CreateSymbolicLink(Path.Combine(files.Area.Path, name), target);
        return new RestoredFiles(files.Target, files.DumpDate, null, [RawPath.Parse(name)], files.Area);
    }
}
