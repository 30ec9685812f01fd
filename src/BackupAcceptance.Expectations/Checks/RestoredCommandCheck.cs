using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
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
    public const string TimeoutVariable = "BACKUP_ACCEPTANCE_DATA_CHECK_TIMEOUT";

    /// <summary>What the command said and how it ran, for the report.</summary>
    public sealed record Outcome(string Command, int ExitCode, string Output, bool NetworkIsolated, TimeSpan Took);

    public static TimeSpan Timeout(Func<string, string?> env)
    {
        var value = env(TimeoutVariable);
        if (string.IsNullOrWhiteSpace(value)) return TimeSpan.FromMinutes(5);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{TimeoutVariable}='{value}' is not a number of seconds from 1 to 86400.");
    }

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

        // nobody gets a copy of just this path, in a directory of its own: the rest of the restore (keys, shadow) stays
        // root's, and a command that writes (a journal replayed, a file replaced) cannot change what later steps compare.
        await using var copy = RestoreArea.Create(restored.Area.Path[..restored.Area.Path.LastIndexOf('/')]);
        var copied = Path.Combine(copy.Path, Path.GetFileName(restoredPath.TrimEnd('/')));
        await Cli.Wrap("cp").WithArguments(["-a", "--no-preserve=ownership", "--", restoredPath, copied]).ExecuteBufferedAsync(cancellationToken);
        await Cli.Wrap("chown").WithArguments(["-R", "--no-dereference", "nobody:", copy.Path]).ExecuteBufferedAsync(cancellationToken);
        words = [.. words.Select(w => w.Replace("{}", copied, StringComparison.Ordinal))];
        // A restore root nobody cannot traverse (BACKUP_ACCEPTANCE_RESTORE_DIR under a 0700 folder) is this machine's
        // trouble: the command would fail for it and blame the data.
        var reach = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "test", "-r", copied])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (reach.ExitCode != 0)
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, restored.DumpDate, expected,
                $"the user nobody cannot read {copied}: a folder above the restore area is closed to it (BACKUP_ACCEPTANCE_RESTORE_DIR)", "");
        var isolated = await Isolation.Value;
        string[] run = [.. (isolated ? new[] { "unshare", "-n", "-p", "-f", "--kill-child" } : []), "runuser", "-u", "nobody", "--",
            "env", "-i", $"PATH={SystemPath}", "HOME=/nonexistent", "LANG=C.UTF-8", .. words];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        BufferedCommandResult result;
        try
        {
            // A system PATH: root's may hold folders nobody cannot search, which runuser reports as "Permission denied".
            result = await Cli.Wrap(run[0]).WithArguments(run[1..]).WithWorkingDirectory(copy.Path)
                .WithEnvironmentVariables(env => env.Set("PATH", SystemPath))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.UTF8, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpectationFailedException(FailureCategory.DataCheckFailed, target, restored.DumpDate, expected,
                $"it did not finish within {timeout.TotalSeconds:0} s ({TimeoutVariable}); it was killed", transcriptTail);
        }
        var output = (result.StandardOutput + result.StandardError).Trim();
        // env's own words (127: not found, 126: not runnable): the feature names a command this machine lacks.
        if (result.ExitCode is 126 or 127 && output.StartsWith("env: ", StringComparison.Ordinal))
            throw new ExpectationFailedException(FailureCategory.InputError, target, restored.DumpDate, expected,
                $"the command could not be started: {Tail(output)}", "");
        if (result.ExitCode != 0)
            throw new ExpectationFailedException(FailureCategory.DataCheckFailed, target, restored.DumpDate, expected,
                $"exit status {result.ExitCode}: \"{Tail(output)}\"", transcriptTail);
        return new Outcome(string.Join(' ', words), result.ExitCode, output, isolated, clock.Elapsed);
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
        return text;
    }

    /// <summary>A root's PATH may hold folders nobody cannot search (runuser then says "Permission denied").</summary>
    private const string SystemPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    /// <summary>unshare -n -p needs root (CAP_SYS_ADMIN) and a kernel that allows it; elsewhere the check runs with the
    /// network, and the report says so. Asked once per run: the answer does not change.</summary>
    private static readonly Lazy<Task<bool>> Isolation = new(() => CanIsolateAsync(CancellationToken.None));

    private static async Task<bool> CanIsolateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = await Cli.Wrap("unshare").WithArguments(["-n", "-p", "-f", "--kill-child", "true"]).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Tail(string output)
    {
        var line = output.ReplaceLineEndings(" / ");
        return line.Length <= 300 ? line : "…" + line[^300..];
    }
}
