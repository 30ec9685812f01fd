using System.Globalization;
using BackupAcceptance.Amanda.Listing;

namespace BackupAcceptance.Expectations.Counts;

/// <summary>How one whole dump was counted, for the console summary and the report: the line a reader checks to
/// know whether amrecover or the index files gave the numbers.</summary>
/// <param name="Counted">The counts and the dump, in the one count record (<see cref="WalkSummary"/>).</param>
public sealed record WalkNote(BackupTarget Target, WalkSummary Counted, string Via, TimeSpan Elapsed)
{
    public DumpDate? Dump => Counted.DumpDate;

    public int Files => Counted.Files;

    public int Directories => Counted.Directories;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"walked {Target.Config} {Target.Host}:{Target.Disk} (dump {Dump?.ToString() ?? "unknown"}): {Directories} dirs, {Files} files via {Via}, {Elapsed.TotalSeconds:0.0} s");
}
