namespace BackupAcceptance.Amanda.Walking;

/// <summary>How a full walk spreads over amrecover sessions (see <see cref="SharedQueueWalker"/>).</summary>
/// <param name="Sessions">Sessions at most, the first included (BACKUP_ACCEPTANCE_WALK_SESSIONS). Three on two cores: amrecover, the pager's shell and
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
}
