using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One part of one dump, as a line of <c>amadmin CONFIG find</c> shows it.</summary>
/// <param name="Part">The part column as printed: <c>1/1</c>, <c>2/4</c>, <c>-1/-1</c> for a holding file or a failed dump.</param>
/// <param name="Status">Every word after the part: <c>OK</c> for a whole part of a whole dump; else the part's status,
/// the dump's and a message (<c>OK PARTIAL</c>, <c>OK FAIL Missing part</c>, <c>FAILED (dumper) [...]</c>).</param>
public sealed record FoundPart(string Host, string Disk, DumpDate Date, int Level, string Storage, string Label, int FileNumber,
    string Part, string Status)
{
    /// <summary>What amindexd's <c>history</c> keeps: both the part's status and the dump's OK, nothing more said.</summary>
    public bool IsOk => Status == "OK";
}
