using System.Globalization;
using System.Text;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations.Failures;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Restored data checked by its own tool (<c>sqlite3 {} "PRAGMA integrity_check"</c>, <c>tar -tzf {}</c>,
/// <c>nginx -t -p {}</c>): the command's exit status decides. It runs without a shell (<see cref="CommandWords"/>), as
/// the unprivileged user nobody, without network where the kernel allows (<c>unshare -n</c>), in the restore area, with
/// a timeout; <c>{}</c> in any word becomes the restored path. The restore area is handed to nobody for it: the data
/// is a copy in a private directory, removed after the scenario.
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
        var restoredPath = RestoredPath(restored, path, expected);
        words = [.. words.Select(w => w.Replace("{}", restoredPath, StringComparison.Ordinal))];

        // The area is the suite's own private copy (0700): nobody gets it for the check, nobody else can reach it.
        await Cli.Wrap("chown").WithArguments(["-R", "nobody:nogroup", restored.Area.Path]).ExecuteBufferedAsync(cancellationToken);
        // A restore root nobody cannot traverse (BACKUP_ACCEPTANCE_RESTORE_DIR under a 0700 folder) is this machine's
        // trouble: the command would fail for it and blame the data.
        var reach = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "test", "-r", restoredPath])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (reach.ExitCode != 0)
            throw new ExpectationFailedException(FailureCategory.RestoreFailed, target, restored.DumpDate, expected,
                $"the user nobody cannot read {restoredPath}: a folder above the restore area is closed to it (BACKUP_ACCEPTANCE_RESTORE_DIR)", "");
        var isolated = await CanIsolateNetworkAsync(cancellationToken);
        string[] run = [.. (isolated ? new[] { "unshare", "-n" } : []), "runuser", "-u", "nobody", "--", .. words];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        BufferedCommandResult result;
        try
        {
            // A system PATH: root's may hold folders nobody cannot search, which runuser reports as "Permission denied".
            result = await Cli.Wrap(run[0]).WithArguments(run[1..]).WithWorkingDirectory(restored.Area.Path)
                .WithEnvironmentVariables(env => env.Set("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.UTF8, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpectationFailedException(FailureCategory.DataCheckFailed, target, restored.DumpDate, expected,
                $"it did not finish within {timeout.TotalSeconds:0} s ({TimeoutVariable}); it was killed", transcriptTail);
        }
        var output = (result.StandardOutput + result.StandardError).Trim();
        // runuser's own words: the feature names a command this machine lacks (or nobody may not run).
        if (result.ExitCode != 0 && output.StartsWith("runuser: failed to execute ", StringComparison.Ordinal))
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

    /// <summary>unshare -n needs root (CAP_SYS_ADMIN) and a kernel that allows it; elsewhere the check runs with the
    /// network, and the report says so.</summary>
    private static async Task<bool> CanIsolateNetworkAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = await Cli.Wrap("unshare").WithArguments(["-n", "true"]).WithValidation(CommandResultValidation.None)
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
