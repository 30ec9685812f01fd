using System.Globalization;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>How a full walk spreads over amrecover sessions (see <see cref="SharedQueueWalker"/>).</summary>
/// <param name="Sessions">Sessions at most, the first included. Three on two cores: amrecover, the pager's shell and
/// amindexd take turns on the CPU, so a third session fills the gaps the other two leave (docs/bench/results.md).</param>
/// <param name="QueueDepthForAnotherSession">Directories waiting before another session is worth its start.</param>
/// <param name="RecycleAfterDirectories">Directories a session lists before its work moves to a fresh one.</param>
/// <param name="RecycleAfterEntries">Entries a session lists before its work moves to a fresh one. amrecover 3.5.1
/// grows by about 80 KB per directory and 3 KB per entry it has listed (measured on /usr/share, docs/bench): 600
/// directories or 10,000 entries keep each session near 80 MB, whatever the tree's size.</param>
public sealed record WalkOptions(int Sessions = 3, int QueueDepthForAnotherSession = 50, int RecycleAfterDirectories = 600,
    int RecycleAfterEntries = 10_000)
{
    /// <summary>How much of a session's share a session has used: 1 or more means replace it.</summary>
    public double Spent(int directories, int entries) =>
        Math.Max((double)directories / RecycleAfterDirectories, (double)entries / RecycleAfterEntries);

    /// <summary><c>BACKUP_ACCEPTANCE_WALK_SESSIONS</c> (1 to 16) overrides <see cref="Sessions"/>.</summary>
    public static WalkOptions FromEnvironment(Func<string, string?> env)
    {
        var options = new WalkOptions();
        if (env("BACKUP_ACCEPTANCE_WALK_SESSIONS") is { Length: > 0 } text)
            options = options with
            {
                Sessions = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sessions) && sessions is >= 1 and <= 16
                    ? sessions
                    : throw new ArgumentException($"BACKUP_ACCEPTANCE_WALK_SESSIONS='{text}' is not a number of sessions from 1 to 16."),
            };
        return options;
    }
}
