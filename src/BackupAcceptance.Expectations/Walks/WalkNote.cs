using System.Globalization;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Walks;

/// <summary>How one whole dump was counted, for the console summary and the report: the line a reader checks to
/// know whether amrecover or the index files gave the numbers.</summary>
public sealed record WalkNote(BackupTarget Target, DumpDate? Dump, int Directories, int Files, string Via, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"walked {Target.Config} {Target.Host}:{Target.Disk} (dump {Dump?.ToString() ?? "unknown"}): {Directories} dirs, {Files} files via {Via}, {Elapsed.TotalSeconds:0.0} s");
}
