using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The facts a scenario's checks established about each disk, as they come (context-injected, one per scenario): the
/// driver records them where a check returns them, so monitoring reads what the checks saw instead of working it out
/// again. One entry per disk; a later fact of the same kind replaces an earlier one, the newest dump's count wins.
/// </summary>
public sealed class DiskMeasurements
{
    private readonly Dictionary<BackupTarget, Entry> _disks = [];
    private readonly Lock _lock = new();

    /// <param name="Counted">The dump <paramref name="Files"/> were counted in: a count of another dump than the
    /// newest seen (the previous one, compared against) is not the disk's size now.</param>
    private sealed record Entry(DumpDate? Dump, int? Files, DumpDate? Counted, TimeSpan? Restore);

    /// <summary>The dump a check looked at.</summary>
    public void Dump(BackupTarget target, DumpDate? dump)
    {
        if (dump is null || target.IsEstate) return;
        Update(target, e => e with { Dump = Newer(e.Dump, dump) });
    }

    /// <summary>The files of a whole count of <paramref name="dump"/>.</summary>
    public void Files(BackupTarget target, DumpDate? dump, int files)
    {
        if (target.IsEstate) return;
        Update(target, e => e.Files is not null && e.Counted is { } before && dump is { } now && now.Value < before.Value
            ? e with { Dump = Newer(e.Dump, dump) }
            : e with { Dump = Newer(e.Dump, dump), Files = files, Counted = dump });
    }

    public void RecoveryTime(BackupTarget target, TimeSpan estimate) => Update(target, e => e with { Restore = estimate });

    /// <summary>What a failed check knew: its dump, and the files when it counted the whole disk.</summary>
    public void Failure(Core.Failures.CheckFailedException? recorded)
    {
        // Measurements are kept per Amanda disk; a repository's failure has no disk.
        if (recorded is not ExpectationFailedException failure || failure.Target.IsEstate) return;
        if (failure.FilesCounted is { } files) Files(failure.Target, failure.DumpDate, files);
        else Dump(failure.Target, failure.DumpDate);
    }

    /// <summary>Every disk measured, its dump's age taken at <paramref name="localNow"/> (dump dates are the server's local time).</summary>
    public IReadOnlyList<DiskMeasurement> All(DateTime localNow)
    {
        lock (_lock)
            return [.. _disks.Select(d => new DiskMeasurement(d.Key, d.Value.Dump,
                d.Value.Counted is { } counted && d.Value.Dump is { } newest && counted.Value < newest.Value ? null : d.Value.Files,
                d.Value.Dump?.AgeAt(localNow), d.Value.Restore))];
    }

    private void Update(BackupTarget target, Func<Entry, Entry> change)
    {
        lock (_lock) _disks[target] = change(_disks.GetValueOrDefault(target) ?? new Entry(null, null, null, null));
    }

    private static DumpDate? Newer(DumpDate? known, DumpDate? seen) =>
        known is { } a && seen is { } b ? (b.Value >= a.Value ? b : a) : seen ?? known;
}
