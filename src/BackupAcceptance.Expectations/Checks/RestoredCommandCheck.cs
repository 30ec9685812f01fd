using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sandbox;
using BackupAcceptance.Expectations.Secrecy;
using BackupAcceptance.Expectations.Settings;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Restored data checked by its own tool (<c>tar -tzf {}</c>, <c>gzip -t {}</c>, <c>nginx -t -p {}</c>): the command's
/// exit status decides, so the tool must say "bad" by its status (sqlite3's integrity_check may exit 0 on a corrupt file:
/// compare its output, <c>sh -c 'test "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok' _ {}</c>). It runs without a
/// shell (<see cref="CommandWords"/>), with an empty environment but a system PATH, as the unprivileged user nobody,
/// without network and in a PID namespace of its own where the kernel allows (<c>unshare -n -p -f --kill-child</c>),
/// on a copy of the restored path made for it in a fresh private directory, with a timeout; <c>{}</c> in a word becomes
/// the copy's path. The restore area itself stays root's, and what the command does to its copy never reaches it.
/// </summary>
public static class RestoredCommandCheck
{
    /// <summary>Named when a check overruns: the setting that bounds it (Settings.SettingsOptions.DataCheckTimeout).</summary>
    public static string TimeoutVariable => SettingCatalogue.DataCheckTimeout.Variable;

    /// <summary>What the command said and how it ran, for the report.</summary>
    /// <param name="Output">Its output's kept tail, or a note that it was withheld (it quoted the restored data).</param>
    /// <param name="PrivatePlaces">The shared places it saw as private folders of its own (none without namespaces).</param>
    public sealed record Outcome(string Command, int ExitCode, string Output, bool NetworkIsolated, TimeSpan Took,
        IReadOnlyList<string> PrivatePlaces, long OutputBytes);

    public static async Task<Outcome> RequirePassesAsync(RestoredFiles restored, string path, string command, TimeSpan timeout,
        string transcriptTail, CancellationToken cancellationToken)
    {
        var target = restored.Target;
        var expected = $"\"{command}\" to pass on the restored {path}";
        IReadOnlyList<string> words;
        try
        {
            words = CommandWords.Split(command);
        }
        catch (FormatException bad)
        {
            throw new ExpectationFailedException(FailureCategory.InputError, target, restored.DumpDate, expected, bad.Message, "");
        }
        // A command that does not name the data checks something else, and passes for it.
        if (!words.Skip(1).Any(w => w.Contains("{}", StringComparison.Ordinal)))
            throw new ExpectationFailedException(FailureCategory.InputError, target, restored.DumpDate, expected,
                "no {} in the command: it would not look at the restored data", "");
        // Pasted into a script, a path with spaces, quotes or $( ) would be read as shell: pass it as an argument.
        if (words is ["sh" or "bash" or "/bin/sh" or "/bin/bash", "-c", var script, ..] && script.Contains("{}", StringComparison.Ordinal))
            throw new ExpectationFailedException(FailureCategory.InputError, target, restored.DumpDate, expected,
                "{} inside the sh -c script: pass it as an argument instead, e.g. sh -c 'test -s \"$1\"' _ {}", "");
        var restoredPath = RestoredPath(restored, path, expected);

        // nobody gets a copy of just this path, in an area of its own: the rest of the restore (keys, shadow) stays root's,
        // and a command that writes (a journal replayed, a file replaced) cannot change what later steps compare.
        var isolated = await DataCheckSandbox.Namespaces;
        await using var sandbox = await DataCheckSandbox.CreateAsync(restored.Area.Path[..restored.Area.Path.LastIndexOf('/')], isolated, cancellationToken);
        var copied = await sandbox.CopyInAsync(restoredPath, cancellationToken);
        words = [.. words.Select(w => w.Replace("{}", copied, StringComparison.Ordinal))];
        // Without a mount namespace nobody reaches the copy through the restore root: one it cannot traverse
        // (BACKUP_ACCEPTANCE_RESTORE_DIR under a 0700 folder) is this machine's trouble, not the data's.
        if (!isolated)
        {
            var reach = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "test", "-r", copied])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            if (reach.ExitCode != 0)
                throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, restored.DumpDate, expected,
                    $"the user nobody cannot read {copied}: a folder above the restore area is closed to it (BACKUP_ACCEPTANCE_RESTORE_DIR)", "");
        }
        var run = sandbox.CommandLine(words, Environment(System.Environment.GetEnvironmentVariable));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One bounded tail for both streams: a check printing 400 MB costs 64 KiB here.
        var tail = new OutputTail();
        int? exitCode = null;
        try
        {
            // A system PATH: root's may hold folders nobody cannot search, which runuser reports as "Permission denied".
            var result = await Cli.Wrap(run[0]).WithArguments(run.Skip(1)).WithWorkingDirectory(sandbox.WorkingDirectory)
                .WithEnvironmentVariables(env => env.Set("PATH", SystemPath))
                .WithStandardOutputPipe(sandbox.Stdout(tail)).WithStandardErrorPipe(tail.Target)
                .WithValidation(CommandResultValidation.None).ExecuteAsync(limit.Token);
            exitCode = result.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // killed at the timeout: the rules below are still judged first
        }
        var took = clock.Elapsed;
        if (!sandbox.Ready)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, target, restored.DumpDate, expected,
                $"the data check's sandbox could not be set up (unshare, mount --bind over {string.Join(", ", sandbox.CoveredPlaces)}): " +
                $"\"{Tail(Encoding.UTF8.GetString(tail.Bytes()))}\"", "");
        var shown = await ShowableOutputAsync(tail, restoredPath, cancellationToken);
        var writes = await sandbox.WritesOutsideTheCopyAsync(cancellationToken);
        if (writes.Count > 0)
            throw new ExpectationFailedException(FailureCategory.DataCheckBrokeRules, target, restored.DumpDate,
                $"\"{command}\" to write nowhere but its copy of the restored {path}",
                $"it wrote outside its copy: {string.Join("; ", writes)}" +
                (isolated ? " (private folders, removed with it: nothing reached the real ones)" : "") +
                $"; {(exitCode is { } code ? $"exit status {code}" : "killed at the timeout")}, which does not count", "");
        if (exitCode is not { } exit)
            throw new ExpectationFailedException(FailureCategory.DataCheckFailed, target, restored.DumpDate, expected,
                $"it did not finish within {timeout.TotalSeconds:0} s ({TimeoutVariable}); it was killed", transcriptTail);
        // env's own words (127: not found, 126: not runnable): the feature names a command this machine lacks.
        if (exit is 126 or 127 && shown.Text.StartsWith("env: ", StringComparison.Ordinal))
            throw new ExpectationFailedException(FailureCategory.InputError, target, restored.DumpDate, expected,
                $"the command could not be started: {Tail(shown.Text)}", "");
        if (exit != 0)
            throw new ExpectationFailedException(FailureCategory.DataCheckFailed, target, restored.DumpDate, expected,
                $"exit status {exit}: {shown.Quoted}", transcriptTail);
        return new Outcome(string.Join(' ', words), exit, shown.Text, isolated, took,
            isolated ? sandbox.PrivatePlaces.ToList() : [], tail.TotalBytes);
    }

    /// <summary>The variables the check gets (env -i): a system PATH, no home, a UTF-8 locale, and the run's id when the
    /// suite has one (BACKUP_ACCEPTANCE_RUN_ID: what finds the run's processes after a crash).</summary>
    public static IReadOnlyList<string> Environment(Func<string, string?> env) =>
    [
        $"PATH={SystemPath}", "HOME=/nonexistent", "LANG=C.UTF-8",
        .. env(RunIdVariable) is { Length: > 0 } id ? new[] { $"{RunIdVariable}={id}" } : [],
    ];

    public const string RunIdVariable = "BACKUP_ACCEPTANCE_RUN_ID";

    /// <summary>Restored data read to prove an output holds none of it, at most (beyond: the output is withheld).</summary>
    private const long ScanBudget = 1L << 30;

    /// <summary>The check's output as a message or the report may show it: its kept tail, unless any run of
    /// <see cref="RestoredBytes.Run"/> bytes of it is in the restored data (a check that prints what it checks carries
    /// the data out), then withheld with its size.</summary>
    private sealed record ShownOutput(string Text, string Quoted);

    private static async Task<ShownOutput> ShowableOutputAsync(OutputTail tail, string restoredPath, CancellationToken cancellationToken)
    {
        var bytes = tail.Bytes();
        var files = await RegularFilesAsync(restoredPath, cancellationToken);
        var verdict = await RestoredBytes.QuotedInAsync(bytes, files, ScanBudget, cancellationToken);
        if (verdict != RestoredBytes.Verdict.Clean)
        {
            var why = verdict == RestoredBytes.Verdict.Quoted
                ? $"it holds {RestoredBytes.Run} or more bytes in a row that are in the restored data"
                : $"the restored data is over {ScanBudget >> 30} GiB, too much to prove the output holds none of it";
            var withheld = $"[{tail.TotalBytes} bytes of output withheld: {why}]";
            return new ShownOutput(withheld, withheld);
        }
        var text = Encoding.UTF8.GetString(bytes).Trim();
        if (tail.Truncated) text = $"[the last {bytes.Length} of {tail.TotalBytes} bytes of output]\n{text}";
        return new ShownOutput(text, $"\"{Tail(text)}\"");
    }

    /// <summary>The restored path's regular files, as path bytes (names need not be UTF-8: find prints them raw).</summary>
    private static async Task<IReadOnlyList<byte[]>> RegularFilesAsync(string restoredPath, CancellationToken cancellationToken)
    {
        using var names = new MemoryStream();
        await Cli.Wrap("find").WithArguments(["-P", restoredPath, "-type", "f", "-print0"])
            .WithStandardOutputPipe(PipeTarget.ToStream(names))
            .WithValidation(CommandResultValidation.None).ExecuteAsync(cancellationToken);
        var all = names.ToArray();
        var files = new List<byte[]>();
        for (int start = 0, end; start < all.Length; start = end + 1)
        {
            end = Array.IndexOf(all, (byte)0, start);
            if (end < 0) end = all.Length;
            if (end > start) files.Add(all[start..end]);
        }
        return files;
    }

    /// <summary>The restored file, or a directory of the area holding restored files, as an absolute path.</summary>
    private static string RestoredPath(RestoredFiles restored, string path, string expected)
    {
        var raw = RawPath.Parse(path);
        var held = restored.Files.Any(f => f.Components.Count >= raw.Components.Count && f.Prefix(raw.Components.Count) == raw);
        var text = Encoding.UTF8.GetString(restored.Area.PathOf(raw));
        if (!held || RawName.FromDisplay(text) != RawName.FromBytes(restored.Area.PathOf(raw)))
            throw new ExpectationFailedException(FailureCategory.InputError, restored.Target, restored.DumpDate, expected,
                $"{raw} is not a restored file or a directory holding one (restored: {string.Join(", ", restored.Files.Take(5))})", "");
        // A link restored as a link would lead the command to whatever it names (a live file): never followed.
        if (FileFacts.OfPath(restored.Area.PathOf(raw)) is { IsRegular: false, IsDirectory: false })
            throw new ExpectationFailedException(FailureCategory.InputError, restored.Target, restored.DumpDate, expected,
                $"{raw} was restored as a link or special file: the command would read what it names, not restored data", "");
        return text;
    }

    /// <summary>A root's PATH may hold folders nobody cannot search (runuser then says "Permission denied").</summary>
    private const string SystemPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    private static string Tail(string output)
    {
        var line = output.ReplaceLineEndings(" / ");
        return line.Length <= 300 ? line : "…" + line[^300..];
    }
}
