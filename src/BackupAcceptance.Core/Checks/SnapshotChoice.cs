using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>Which backup of the subject a scenario looks at: the newest, the one before it, or the newest taken on or
/// before a moment (the Given steps' choice, as amrecover's setdate reads it).</summary>
public abstract record SnapshotChoice
{
    public static SnapshotChoice Latest { get; } = new LatestChoice();

    public static SnapshotChoice BeforeLatest { get; } = new BeforeLatestChoice();

    public static SnapshotChoice AsOf(DateTimeOffset latestAdmitted, string asWritten) => new AsOfChoice(latestAdmitted, asWritten);

    /// <summary>The latest as a system shows it that hides backups dated after a moment (amrecover's default working
    /// date, today, hides a dump a server with a clock ahead dated tomorrow).</summary>
    public static SnapshotChoice LatestShownBy(DateTimeOffset latestShown) => new LatestShownChoice(latestShown);

    /// <summary>The chosen backup of <paramref name="history"/> (oldest first), or null when none fits.</summary>
    public abstract Snapshot? Pick(IReadOnlyList<Snapshot> history);

    /// <summary>What the reader expected to find, for the stale-backup sentence, in the system's words.</summary>
    public abstract string Expected(BackupWords words);

    private sealed record LatestChoice : SnapshotChoice
    {
        public override Snapshot? Pick(IReadOnlyList<Snapshot> history) => history.Count > 0 ? history[^1] : null;

        public override string Expected(BackupWords words) => $"at least one {words.Backup}";
    }

    private sealed record BeforeLatestChoice : SnapshotChoice
    {
        public override Snapshot? Pick(IReadOnlyList<Snapshot> history) => history.Count > 1 ? history[^2] : null;

        public override string Expected(BackupWords words) => $"a {words.Backup} before the latest";
    }

    private sealed record LatestShownChoice(DateTimeOffset LatestShown) : SnapshotChoice
    {
        public override Snapshot? Pick(IReadOnlyList<Snapshot> history) => history.LastOrDefault(s => s.Time <= LatestShown);

        public override string Expected(BackupWords words) => $"at least one {words.Backup}";
    }

    private sealed record AsOfChoice(DateTimeOffset LatestAdmitted, string AsWritten) : SnapshotChoice
    {
        public override Snapshot? Pick(IReadOnlyList<Snapshot> history) => history.LastOrDefault(s => s.Time <= LatestAdmitted);

        public override string Expected(BackupWords words) => $"a {words.Backup} on or before {AsWritten}";
    }
}
