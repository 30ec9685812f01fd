using System.ComponentModel;
using System.Text;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using CliWrap;

namespace BackupAcceptance.Restic;

/// <summary>
/// One host and path of a restic repository, as the core sees a backup system. restic is only ever asked to read:
/// every command runs with --no-lock (no lock file written into the repository) and --no-cache (nothing kept in the
/// user's cache), each bounded by <see cref="ResticOptions"/>; the password comes from restic's own variables and the
/// location goes through RESTIC_REPOSITORY (never the command line, which ps shows). Arguments are single words of the
/// form --name=value, so no path or host is ever read as an option.
/// </summary>
public sealed class ResticRepository : IBackupSource, IRepositoryCheck, ILatestTree, ITreeRestore
{
    private readonly ResticOptions _options;

    /// <param name="host">The host the snapshots were taken on (restic's --host).</param>
    /// <param name="path">The absolute path backed up (restic's --path).</param>
    /// <param name="location">The repository as restic names it (a folder, sftp:..., rest:...), or <c>$RESTIC_REPOSITORY</c>: that variable's value, for
    /// a location that carries a password (a REST server's URL), which a feature file must not.</param>
    public ResticRepository(string location, string host, string path, ResticOptions? options = null)
    {
        _options = options ?? new ResticOptions();
        Location = Word(location == FromVariable
            ? _options.Variable("RESTIC_REPOSITORY") ?? throw new ArgumentException("Input error: the repository is $RESTIC_REPOSITORY, and that variable is not set.", nameof(location))
            : location, "repository");
        if (location != FromVariable && ResticLocation.Shown(Location) != Location)
            throw new ArgumentException("Input error: the repository's location holds a password: a feature file, its report and the console would show it; " +
                "write $RESTIC_REPOSITORY in the step and set that variable for the run.", nameof(location));
        Host = Word(host, "host");
        Path = Word(path, "path");
        if (!Path.StartsWith('/')) throw new ArgumentException($"Input error: the path '{Path}' is not absolute: restic records the absolute path it backed up.", nameof(path));
        Path = "/" + string.Join('/', Path.Split('/', StringSplitOptions.RemoveEmptyEntries)); // "/srv//data/" as restic records it
    }

    /// <summary>The step's word for a location taken from the environment.</summary>
    public const string FromVariable = "$RESTIC_REPOSITORY";

    public string Location { get; }

    public string Host { get; }

    public string Path { get; }

    public ResticTranscript Transcript { get; } = new();

    public string Subject => $"restic {ResticLocation.Shown(Location)} {Host}:{Path}";

    public string TranscriptTail() => Transcript.Tail();

    public async Task<IReadOnlyList<Snapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var errors = new StringBuilder();
        await RunAsync("snapshots", ["snapshots", "--json", $"--host={Host}", $"--path={Path}"], PipeTarget.ToStringBuilder(output),
            reading: false, _options.CommandTimeout, cancellationToken, errors);
        // restic 0.14 leaves out a snapshot it cannot load, says so on stderr and exits 0: the newest might be missing.
        if (ResticRefusals.SkippedSnapshots(errors.ToString()) is { } skipped)
            throw new SourceRefusedException(FailureCategory.RepositoryDamaged, "every snapshot of the repository readable", skipped);
        try
        {
            return ResticJson.Snapshots(output.ToString().Trim());
        }
        catch (System.Text.Json.JsonException unread)
        {
            throw new SourceRefusedException(FailureCategory.SuiteDefect, "restic snapshots' JSON as restic 0.14 prints it", unread.Message, unread);
        }
    }

    public async Task<SnapshotTree> TreeAsync(Snapshot snapshot, CancellationToken cancellationToken) =>
        (await ListAsync(snapshot.Id, [], cancellationToken))?.Tree ?? throw NotListed(snapshot.Id, "");

    public async Task<(Snapshot Snapshot, SnapshotTree Tree)?> LatestTreeAsync(CancellationToken cancellationToken) =>
        await ListAsync("latest", [$"--host={Host}", $"--path={Path}"], cancellationToken);

    /// <summary>restic ls of one snapshot (an id, or "latest" with its filters): the snapshot its first line names and
    /// the tree below the path, or null when restic listed none (no snapshot matched, or it could not load it: restic
    /// says "Ignoring ..." and exits 0).</summary>
    private async Task<(Snapshot Snapshot, SnapshotTree Tree)?> ListAsync(string which, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        var entries = new List<TreeEntry>();
        Snapshot? listed = null;
        var errors = new StringBuilder();
        // A line at a time: a tree of a million files is a million lines, never one string.
        await RunAsync("ls", ["ls", "--json", .. filters, which], PipeTarget.ToDelegate(line =>
        {
            if (listed is null) listed = ResticJson.ListedSnapshot(line);
            else if (ResticJson.Node(line, Path) is { } entry) entries.Add(entry);
        }), reading: true, _options.CommandTimeout, cancellationToken, errors);
        if (listed is null)
        {
            if (which != "latest") throw NotListed(which, errors.ToString());
            return null;
        }
        if (which != "latest" && listed.Id != which) throw NotListed(which, errors.ToString());
        return (listed, new SnapshotTree(entries));
    }

    private static SourceRefusedException NotListed(string id, string errors) =>
        new(FailureCategory.RepositoryDamaged, $"restic ls to list snapshot {id[..Math.Min(8, id.Length)]}", $"it did not: {ResticRefusals.LastWords(errors)}");

    public async Task<TreeEntry?> EntryAsync(Snapshot snapshot, string path, CancellationToken cancellationToken)
    {
        TreeEntry? found = null;
        var listed = false;
        var errors = new StringBuilder();
        // ls with a path walks only the way down to it, and prints its node when the snapshot holds it.
        await RunAsync("ls", ["ls", "--json", snapshot.Id, Absolute(path)], PipeTarget.ToDelegate(line =>
        {
            if (ResticJson.ListedSnapshot(line) is { } first) listed = first.Id == snapshot.Id;
            else if (ResticJson.Node(line, Path) is { } entry && entry.Path == path) found = entry;
        }), reading: true, _options.CommandTimeout, cancellationToken, errors);
        if (!listed) throw NotListed(snapshot.Id, errors.ToString());
        return found;
    }

    private string Absolute(string path) => Path == "/" ? "/" + path : $"{Path}/{path}";

    public async Task RestoreFileAsync(Snapshot snapshot, string path, string destination, CancellationToken cancellationToken)
    {
        // CreateNew: a name already there (a link planted in the area) is an error, never written through.
        await using var file = new FileStream(destination, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await RunAsync("dump", ["dump", snapshot.Id, Absolute(path)], PipeTarget.ToStream(file), reading: true, _options.CommandTimeout, cancellationToken);
    }

    public async Task<string> RestoreTreeAsync(Snapshot snapshot, string area, CancellationToken cancellationToken)
    {
        // --include takes a pattern: the path's glob characters escaped, so it names this path only (restic expands no
        // variables in it). restic lays the tree out below the target as it was backed up, the way down included.
        var errors = new StringBuilder();
        var exit = await RunAsync("restore", ["restore", snapshot.Id, $"--target={area}", $"--include={ResticPattern.Literal(Path)}"], PipeTarget.Null,
            reading: true, _options.CheckTimeout, cancellationToken, errors, acceptErrors: true);
        if (exit != 0) throw ResticRefusals.OfRestore(ResticLocation.Shown(Location), exit, errors.ToString());
        return Path == "/" ? area : System.IO.Path.Join(area, Path);
    }

    public async Task<string?> CheckRepositoryAsync(int readDataPercent, CancellationToken cancellationToken)
    {
        string[] arguments = readDataPercent > 0 ? ["check", $"--read-data-subset={readDataPercent}%"] : ["check"];
        var errors = new StringBuilder();
        var exit = await RunAsync("check", arguments, PipeTarget.Null, reading: false, _options.CheckTimeout, cancellationToken,
            stderr: errors, acceptErrors: true);
        if (exit == 0) return null;
        var text = errors.ToString();
        // Once the repository opened, any error check reports is the repository's (an index that does not load too).
        if (ResticRefusals.IsUnreachable(text)) throw ResticRefusals.Of(ResticLocation.Shown(Location), "check", exit, text, reading: false);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return $"{lines.Length - 1} line(s) of errors: {string.Join(" / ", lines.Take(6))}";
    }

    /// <summary>Runs restic read-only and bounded; a refusal comes back sorted (<see cref="ResticRefusals"/>).</summary>
    /// <returns>The exit code (always 0 unless <paramref name="acceptErrors"/>).</returns>
    private async Task<int> RunAsync(string command, IReadOnlyList<string> arguments, PipeTarget stdout, bool reading, TimeSpan timeout,
        CancellationToken cancellationToken, StringBuilder? stderr = null, bool acceptErrors = false)
    {
        RequirePassword();
        // The location through restic's own variable, not the command line: another user's ps would show it.
        IReadOnlyList<string> all = ["--no-lock", "--no-cache", "--quiet", .. arguments];
        Transcript.Command($"RESTIC_REPOSITORY={ResticLocation.Shown(Location)}", all);
        stderr ??= new StringBuilder();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            var result = await Cli.Wrap(_options.Program).WithArguments(all)
                .WithEnvironmentVariables(env => env.Set("RESTIC_REPOSITORY", Location))
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardOutputPipe(stdout)
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    stderr.AppendLine(line);
                    Transcript.Error(line);
                }))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(bound.Token);
            Transcript.Exit(result.ExitCode);
            if (result.ExitCode != 0 && !acceptErrors) throw ResticRefusals.Of(ResticLocation.Shown(Location), command, result.ExitCode, stderr.ToString(), reading);
            return result.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Transcript.Error($"(stopped after {Bound(timeout)})");
            throw new SourceRefusedException(FailureCategory.RepositoryUnreachable, $"restic {command} to finish within {Bound(timeout)}",
                "it did not; it was stopped");
        }
        catch (System.Text.Json.JsonException unread)
        {
            throw new SourceRefusedException(FailureCategory.SuiteDefect, $"restic {command}'s JSON as restic 0.14 prints it", unread.Message, unread);
        }
        catch (Win32Exception missing)
        {
            throw new SourceRefusedException(FailureCategory.RepositoryUnreachable, "the restic program (Debian: apt-get install restic)",
                $"'{_options.Program}' cannot be run: {missing.Message}", missing);
        }
    }

    private static string Bound(TimeSpan timeout) => timeout < TimeSpan.FromMinutes(1) ? $"{timeout.TotalSeconds:0} s" : $"{timeout.TotalMinutes:0.#} min";

    private void RequirePassword()
    {
        if (ResticOptions.PasswordVariables.Any(v => !string.IsNullOrEmpty(_options.Variable(v)))) return;
        throw new SourceRefusedException(FailureCategory.RepositoryUnreachable,
            "restic's password in RESTIC_PASSWORD_FILE, RESTIC_PASSWORD or RESTIC_PASSWORD_COMMAND (never in a feature file)", "none of them is set");
    }

    /// <summary>A word restic would take as it is: no control character, nothing empty.</summary>
    private static string Word(string value, string what) =>
        value.Length == 0 || value.Any(char.IsControl)
            ? throw new ArgumentException($"Input error: the {what} '{value.Replace("\n", "\\n", StringComparison.Ordinal)}' is empty or holds a control character.", what)
            : value;
}
