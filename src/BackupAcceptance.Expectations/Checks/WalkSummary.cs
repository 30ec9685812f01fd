using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>What a walk saw: counts, the dump it looked at, and whether it stopped before the end of the tree.</summary>
public sealed record WalkSummary(int Directories, int Files, DumpDate? DumpDate, bool Complete)
{
    public string Describe()
    {
        var scope = Complete ? "in the whole disk" : "before stopping";
        return $"{Files} {Plural(Files, "file")} and {Directories} {Plural(Directories, "directory", "directories")} {scope}";
    }

    private static string Plural(int count, string one, string? many = null) => count == 1 ? one : many ?? one + "s";
}
