namespace BackupAcceptance.Amanda.Session;

/// <summary>A reader's own part of a session's transcript (a scenario's, a step's): the exchanges the window still
/// holds, oldest first, and how many of the part it no longer does (null: some, their number unknown).</summary>
public sealed record TranscriptPart(IReadOnlyList<TranscriptEntry> Entries, long? NotKept)
{
    public static readonly TranscriptPart Empty = new([], 0);
}
