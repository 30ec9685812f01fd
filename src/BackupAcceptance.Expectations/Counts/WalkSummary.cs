using BackupAcceptance.Core.Checks;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>What a walk saw: counts, the dump it looked at, and whether it stopped before the end of the tree.</summary>
/// <param name="Unreachable">Directories listed but not entered (amrecover 3.5.1's matching bug): their contents are not counted.</param>
public sealed record WalkSummary(int Directories, int Files, DumpDate? DumpDate, bool Complete, int Unreachable = 0)
{
    public string Describe()
    {
        var scope = Complete ? "in the whole disk" : "before stopping";
        return $"{Plural.Of(Files, "file")} and {Plural.Of(Directories, "directory", "directories")} {scope}{UnreachableNote()}";
    }

    /// <summary>Empty, or a note that some directories could not be entered, so counts are lower bounds.</summary>
    public string UnreachableNote() => Unreachable == 0 ? "" :
        $"; {Plural.Of(Unreachable, "directory", "directories")} could not be entered (amrecover 3.5.1 cannot enter " +
        "escaped names below a path with ' ` < >), so their contents are not counted";
}
