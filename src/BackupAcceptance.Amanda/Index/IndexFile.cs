using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Amanda.Index;

/// <summary>One dump's index as amdump wrote it: <c>&lt;indexdir&gt;/&lt;host&gt;/&lt;disk&gt;/YYYYMMDDhhmmss_L[-unsorted].gz</c>,
/// gzip text with one path per line (docs/amrecover.md, section 1).</summary>
public sealed record IndexFile(string Path, DumpDate Date, int Level)
{
    public override string ToString() => $"{Path} (dump {Date}, level {Level})";
}
