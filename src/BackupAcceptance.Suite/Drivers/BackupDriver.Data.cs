using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Real restores into a private temporary directory, compared byte for byte; canaries.</summary>
public sealed partial class BackupDriver
{
    /// <summary>Files restored by a When step, removed with the scenario.</summary>
    public RestoredFiles? Restored { get; private set; }

    private bool _restoredJudged;

    public async Task RestoreRandomFilesAsync(int count, int? seed)
    {
        if (OnRepository)
        {
            await RepositoryRestoreRandomAsync(count, seed);
            return;
        }
        var chosen = Seeds.Resolve(seed, run.Settings);
        output.WriteLine(Seeds.Replay(chosen));
        var restored = await OnDiskAsync((lease, cancellation) => RestoreCheck.RestoreRandomFilesAsync(lease, count, chosen, cancellation));
        await KeepAsync(restored);
        output.WriteLine($"random files {restored.ChosenHow}");
        // The names, first 100, then a count and digest: a sample of thousands stays kilobytes in the report.
        evidence.Attach("restored files", $"{Seeds.Replay(chosen)}\n{restored.ChosenHow}\n" +
            string.Join("\n", ListDigest.Capped(restored.Files.Select(f => f.ToString()), 100, "restored files")));
    }

    public async Task RestoreFileAsync(string path)
    {
        if (OnRepository) await RepositoryRestoreFileAsync(path);
        else await KeepAsync(await OnDiskAsync((lease, cancellation) => RestoreCheck.RestoreFileAsync(lease, path, cancellation)));
    }

    /// <summary>The new restore replaces the one before: its area is removed now, not left behind, and the new one must
    /// be judged by a Then step of its own.</summary>
    private async Task KeepAsync(RestoredFiles restored)
    {
        if (Restored is { } earlier) await earlier.DisposeAsync();
        Restored = restored;
        _restoredJudged = false;
    }

    public Task RequireRestoredMatchLiveAsync() => OnRepository ? RepositoryRestoredMatchLiveAsync() : CompareWithLiveAsync(RequireRestored());

    public Task RequireRestoredTreeMatchesLiveAsync() => CompareWithLiveAsync(RequireWholeDisk());

    private async Task CompareWithLiveAsync(RestoredFiles restored)
    {
        // Attached before the verdict: a failed comparison's report lists every mismatch (the message, the first 20).
        var unlike = restored.Files.Count - (restored.RegularFiles ?? restored.Files).Count;
        var comparison = await VerdictAsync(() => LiveFileComparison.RequireMatchesLiveAsync(restored, TranscriptTail, Cancellation,
            compared => evidence.Attach("restore comparison",
                (unlike > 0 ? $"{unlike} listed entries are not regular files (links, FIFOs, devices): restored, not compared\n" : "") + compared.Text())));
        checks.Record(comparison.Compared, "restored files compared");
    }

    public async Task RequireRestoredContentAsync(string pattern)
    {
        if (OnRepository)
        {
            await RepositoryRestoredContentAsync(pattern);
            return;
        }
        var restored = RequireOneRestored();
        await VerdictAsync(async () =>
        {
            await CanaryCheck.RequireContentMatchesAsync(restored, pattern, TranscriptTail, Cancellation);
            return true;
        });
        checks.Record(1, "restored file");
    }

    public async Task RequireRestoredNoOlderThanAsync(int hours)
    {
        if (OnRepository)
        {
            await RepositoryRestoredNoOlderThanAsync(hours);
            return;
        }
        var restored = RequireOneRestored();
        await VerdictAsync(() =>
        {
            CanaryCheck.RequireRestoredNoOlderThan(restored, FreshnessCheck.Hours(restored.Target, hours), DateTime.UtcNow, TranscriptTail);
            return Task.FromResult(true);
        });
        checks.Record(1, "restored file");
    }

    public async Task RestoreWholeDiskAsync()
    {
        var limit = run.Settings.FullRestoreLimitKiB();
        await KeepAsync(await OnDiskAsync((lease, cancellation) => FullRestoreCheck.RestoreWholeDiskAsync(lease, limit, cancellation)));
        output.WriteLine($"{Target}: restored {Restored!.ChosenHow} into {Restored.Area.Path}");
    }

    public async Task RequireEveryListedFileRestoredAsync()
    {
        var restored = RequireWholeDisk();
        var files = await VerdictAsync(() => FullRestoreCheck.RequireOnlyListedAsync(restored, TranscriptTail, Cancellation));
        checks.Record(files, "restored files of the dump");
        evidence.Attach("full restore", $"{files} files restored, all a restore must give ({restored.ChosenHow})");
    }

    private RestoredFiles RequireWholeDisk()
    {
        var restored = RequireRestored();
        if (!restored.IsWholeDisk) throw Misuse("a whole-disk restore ('When the whole disk is restored') before this step");
        return restored;
    }

    public async Task RequireRestoredPassesAsync(string path, string command)
    {
        var restored = RequireRestored();
        var timeout = run.Settings.DataCheckTimeout();
        var outcome = await VerdictAsync(() => RestoredCommandCheck.RequirePassesAsync(restored, path, command, timeout, TranscriptTail, Cancellation));
        checks.Record(1, "restored data checked by its own tool");
        evidence.Attach("command on restored data", $"$ {outcome.Command}\n({Sandboxed(outcome)}, " +
            $"{outcome.Took.TotalSeconds:0.0} s, exit status {outcome.ExitCode}, {outcome.OutputBytes} bytes of output)\n{outcome.Output}");
    }

    /// <summary>How the data check ran, for the report: every isolation it had, and every one this kernel refused.</summary>
    private static string Sandboxed(RestoredCommandCheck.Outcome outcome) => outcome.NetworkIsolated
        ? $"as nobody with no_new_privs, on a copy made for it, without network (unshare -n), in its own PID and IPC namespaces, " +
          $"with private {string.Join(", ", outcome.PrivatePlaces)}, an empty /run and every other mount read-only (a mount namespace; removed with it)"
        : "as nobody, on a copy made for it, WITH network and WITHOUT a private /tmp, /dev/shm, PID or IPC namespace: " +
          "this kernel refuses unshare (the real shared places were searched for what nobody wrote during the check)";

    private RestoredFiles RequireRestored()
    {
        if (OnRepository) throw AmandaOnly();
        _restoredJudged = true;
        return Restored ?? throw new InvalidOperationException(
            "Nothing was restored: use 'When the file \"x\" is restored' or 'When 5 random files are restored' first.");
    }

    /// <summary>Content and age speak of one file: after a random sample of several, they cannot say which.</summary>
    private RestoredFiles RequireOneRestored()
    {
        var restored = RequireRestored();
        if (restored.Files.Count != 1)
            throw Misuse("a single restored file ('When the file \"x\" is restored') before a check of its content or age");
        return restored;
    }
}
