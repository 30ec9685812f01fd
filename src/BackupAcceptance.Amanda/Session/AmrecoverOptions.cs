namespace BackupAcceptance.Amanda.Session;

/// <summary>How to start amrecover and how long to wait for it. A run sets them from its settings
/// (Expectations.Settings.SettingsOptions); the defaults are the settings' defaults.</summary>
public sealed record AmrecoverOptions
{
    /// <summary>The amrecover binary (a path or a name on PATH).</summary>
    public string AmrecoverPath { get; init; } = "amrecover";

    /// <summary>Runs amrecover under setsid, out of the terminal's reach (see AmrecoverProcess); on when setsid exists.</summary>
    public bool OwnSession { get; init; } = File.Exists("/usr/bin/setsid");

    /// <summary>Words put before amrecover, e.g. <c>sudo -n</c> on a runner that is not root.</summary>
    public IReadOnlyList<string> CommandPrefix { get; init; } = [];

    /// <summary><c>-s</c>: the index server; null keeps amanda-client.conf's.</summary>
    public string? IndexServer { get; init; }

    /// <summary><c>-t</c>: the tape server; null keeps amanda-client.conf's.</summary>
    public string? TapeServer { get; init; }

    /// <summary>
    /// <c>PAGER</c> for amrecover: every <c>ls</c> runs <c>popen("$PAGER ; /bin/cat &gt; /dev/null")</c>, a fork of
    /// amrecover, a shell and the pager. That, not the index server, is most of what a listing costs (on the big
    /// disk, 2,000 <c>cd</c> alone take 6.7 s, with <c>ls</c> and <c>PAGER=cat</c> 25–32 s). <c>exec /bin/cat</c>
    /// spares the second process and the search of PATH: 17–19 s. The shell must still copy the listing to stdout:
    /// a pager that prints nothing would swallow every listing.
    /// </summary>
    public string Pager { get; init; } = "exec /bin/cat";

    /// <summary>From start to the first prompt; amrecover itself sleeps about 1 s in there.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>For any one command, from sending it to its prompt.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>For each step of an <c>extract</c> (tape load, then tar), a backstop. Even a sample of a few files makes
    /// the tape server stream the whole dump image through tar, so it is sized to a large dump; a stalled extract is
    /// caught sooner by <see cref="ExtractStallTimeout"/>.</summary>
    public TimeSpan ExtractTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>For an <c>extract</c> step during which amrecover's processes read nothing: the dump streams while a
    /// restore is alive, whatever its size, so a tape server or tar that stalls fails within this bound.</summary>
    public TimeSpan? ExtractStallTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Where restore areas are made (BACKUP_ACCEPTANCE_RESTORE_DIR); null: the system's temporary directory
    /// (TMPDIR). Sites point it at a file system with room for their largest sample. Each area checks it against the
    /// trust rule (Restoring.RestoreRoot) when it is made: a root another user could change fails that restore by name.</summary>
    public string? RestoreRoot { get; init; }

    /// <summary>How many exchanges the transcript keeps; a walk of a large disk would otherwise hold every listing.</summary>
    public int TranscriptCapacity { get; init; } = 2000;

    /// <summary>Where every session started with these options (and copies made with <c>with</c>) adds its waiting time.</summary>
    public AmrecoverTime Time { get; init; } = new();
}
