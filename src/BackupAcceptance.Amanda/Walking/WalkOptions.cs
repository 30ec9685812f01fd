using System.Globalization;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>How a full walk spreads over amrecover sessions (see <see cref="SharedQueueWalker"/>).</summary>
/// <param name="Sessions">Sessions at most, the first included. Three on two cores: amrecover, the pager's shell and
/// amindexd take turns on the CPU, so a third session fills the gaps the other two leave (docs/bench/results.md).</param>
/// <param name="QueueDepthForAnotherSession">Directories waiting before another session is worth its start.</param>
/// <param name="RecycleAfter">Directories an extra session lists before it is replaced, which bounds its memory.</param>
public sealed record WalkOptions(int Sessions = 3, int QueueDepthForAnotherSession = 50, int RecycleAfter = 2000)
{
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
