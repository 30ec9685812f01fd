using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>Real restores into a private area, removed with the scenario, and the Then steps that judge them: byte for
/// byte against the live files, a canary's content and age, a whole disk against its listing and the live tree; and how
/// long a whole restore would take.</summary>
public sealed class RestoreDriver(BackupDriver driver, SuiteRun run, CheckLedger checks, Evidence evidence, ScenarioReport report,
    IReqnrollOutputHelper output, DiskMeasurements measurements)
    : IAsyncDisposable
{
    private RestoredWhole? _whole;
    private bool _judged;

    /// <summary>The most a whole restore (or a timed one) may write: the run's BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB.</summary>
    private WholeRestoreLimit WholeLimit => new(run.Settings.FullRestoreLimitKiB(), FullRestoreCheck.LimitVariable);

    /// <summary>Files a When step restored at random or by name, on either system (the core's <see cref="RestoredSet"/>;
    /// Amanda's keeps its own view, <see cref="AmandaRestoredSet"/>), removed with the scenario.</summary>
    public RestoredSet? Restored { get; private set; }

    /// <summary>Why the nothing-checked rule fails the scenario on this driver's account, or null.</summary>
    public string? Unjudged => (Restored is not null || _whole is not null) && !_judged
        ? "restored files no Then step looked at (compare them, or check their content or age)" : null;

    public async Task RestoreRandomFilesAsync(int count, int? seed)
    {
        var chosen = Seeds.Resolve(seed, run.Settings);
        output.WriteLine(Seeds.Replay(chosen));
        var restored = await KeepAsync(await driver.OnBackupAsync(async (view, cancellation) =>
            await RestoreRules.RestoreRandomAsync(view, count, chosen, () => driver.Area(view), cancellation)));
        output.WriteLine($"random files {restored.ChosenHow}");
        // The names, first 100, then a count and digest: a sample of thousands stays kilobytes in the report.
        evidence.Attach("restored files", $"{Seeds.Replay(chosen)}\n{restored.ChosenHow}\n" +
            string.Join("\n", ListDigest.Capped(restored.Files.Select(f => "/" + f.Entry.Path), 100, "restored files")));
    }

    public async Task RestoreFileAsync(string path) =>
        await KeepAsync(await driver.OnBackupAsync(async (view, cancellation) =>
            await RestoreRules.RestoreFileAsync(view, path, () => driver.Area(view), cancellation)));

    public async Task RestoreWholeDiskAsync()
    {
        var subject = "";
        var whole = await driver.OnBackupAsync(async (view, cancellation) =>
        {
            subject = view.History.Subject;
            return await WholeRestoreRules.RestoreWholeAsync(view, () => driver.Area(view), WholeLimit, cancellation);
        });
        await KeepAsync(whole);
        output.WriteLine($"{subject}, {whole.Snapshot}: restored {whole.How} into {whole.Area.Path}");
    }

    public async Task RequireRecoveryTimeAsync(int hours)
    {
        var estimate = await driver.OnBackupAsync((view, cancellation) =>
            RecoveryTimeRules.RequireWithinAsync(view, hours, () => driver.Area(view), WholeLimit, cancellation));
        checks.Record(1, "recovery time");
        // The disk's measurements (the estate page, monitoring) keep an Amanda disk's estimate.
        if (!driver.OnRepository) measurements.RecoveryTime(driver.RequireTarget(), estimate.Slowest);
        report.Facts["estimated full restore"] = $"{estimate.Fastest.TotalSeconds:0.#}-{estimate.Slowest.TotalSeconds:0.#} s";
        evidence.Attach("recovery time", estimate.How);
    }

    /// <summary>The new restore replaces the one before: its area is removed now, not left behind, and the new one must
    /// be judged by a Then step of its own.</summary>
    private async Task<RestoredSet> KeepAsync(RestoredSet restored)
    {
        try
        {
            await ForgetAsync();
        }
        finally
        {
            // Held even when an earlier area could not be removed: this one is removed with the scenario.
            Restored = restored;
            if (restored is AmandaRestoredSet { Amanda.DumpDate: { } dump }) driver.DumpSeen = dump;
        }
        return restored;
    }

    private async Task KeepAsync(RestoredWhole whole)
    {
        try
        {
            await ForgetAsync();
        }
        finally
        {
            _whole = whole;
            if (whole is AmandaRestoredWhole { Amanda.DumpDate: { } dump }) driver.DumpSeen = dump;
        }
    }

    /// <summary>Removes every restore area this driver holds, whatever fails on the way.</summary>
    private async Task ForgetAsync()
    {
        _judged = false;
        try
        {
            if (Restored is { } files) await files.DisposeAsync();
        }
        finally
        {
            Restored = null;
            if (_whole is { } whole) await whole.DisposeAsync();
            _whole = null;
        }
    }

    public async Task RequireRestoredMatchLiveAsync()
    {
        // After a whole restore, its files are every file of the backup: the comparison of the whole tree.
        if (_whole is not null)
        {
            await RequireRestoredTreeMatchesLiveAsync();
            return;
        }
        // A host that is not this machine first, as before anything restored is looked at; an Amanda disk reads its
        // live side itself (IRestoredComparison: the DLE's device and lists).
        var live = driver.OnRepository ? driver.RequireLiveHere() : null;
        var restored = RequireChosenFiles();
        // Attached before the verdict: a failed comparison's report lists every mismatch (the message, the first 20).
        var comparison = await driver.OnBackupAsync((view, cancellation) => RestoreRules.RequireMatchesLiveAsync(view, restored,
            live, cancellation, compared => evidence.Attach("restore comparison", compared.Text())));
        checks.Record(comparison.Compared, "restored files compared");
    }

    public async Task RequireRestoredTreeMatchesLiveAsync()
    {
        var live = driver.OnRepository ? driver.RequireLiveHere() : null;
        var whole = RequireWhole();
        // Attached before the verdict, as for chosen files.
        var comparison = await driver.OnBackupAsync((view, cancellation) => WholeRestoreRules.RequireTreeMatchesLiveAsync(view, whole, live,
            cancellation, compared => evidence.Attach("restore comparison", compared.Text())));
        checks.Record(comparison.Compared, "restored files compared");
    }

    public async Task RequireRestoredContentAsync(string pattern)
    {
        var restored = RequireOneRestored();
        await driver.OnBackupAsync(async (view, cancellation) =>
        {
            await RestoreRules.RequireContentMatchesAsync(view, restored, pattern, cancellation);
            return true;
        });
        checks.Record(1, "restored file");
    }

    public async Task RequireRestoredNoOlderThanAsync(int hours)
    {
        var restored = RequireOneRestored();
        await driver.OnBackupAsync((view, _) =>
        {
            RestoreRules.RequireNoOlderThan(view, restored, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow);
            return Task.FromResult(true);
        });
        checks.Record(1, "restored file");
    }

    public async Task RequireEveryListedFileRestoredAsync()
    {
        var whole = RequireWhole();
        // Attached before the verdict: the report lists every difference (the message, the first 20).
        var comparison = await driver.OnBackupAsync((view, cancellation) => WholeRestoreRules.RequireEveryEntryRestoredAsync(view, whole, cancellation,
            compared => evidence.Attach("full restore differences", compared.Differences.Count == 0 ? "none"
                : $"{compared.Differences.Count} differences from {compared.Expected}\n" + string.Join("\n", ListDigest.Capped(compared.Differences, 200, "differences")))));
        checks.Record(comparison.Restored, $"restored files of the {(driver.OnRepository ? "snapshot" : "dump")}");
        evidence.Attach("full restore", $"{comparison.Restored} files restored, all a restore must give ({whole.How})");
    }

    private RestoredWhole RequireWhole()
    {
        _judged = true;
        return _whole ?? throw driver.Misuse("a whole-disk restore ('When the whole disk is restored') before this step");
    }

    /// <summary>What the data check reads (<see cref="DataCheckDriver"/>): the files chosen, or the whole restore.</summary>
    internal (RestoredSet? Files, RestoredWhole? Whole) RequireRestored()
    {
        _judged = true;
        if (Restored is null && _whole is null)
            throw driver.Misuse("a restore first ('When the file \"x\" is restored', 'When 5 random files are restored' or 'When the whole disk is restored')");
        return (Restored, _whole);
    }

    private RestoredSet RequireChosenFiles()
    {
        _judged = true;
        return Restored ?? throw driver.Misuse("a restore of chosen files first ('When the file \"x\" is restored' or 'When 5 random files are restored')");
    }

    /// <summary>Content and age speak of one file: after a random sample of several, they cannot say which.</summary>
    private RestoredSet RequireOneRestored()
    {
        var restored = RequireChosenFiles();
        if (restored.Files.Count != 1)
            throw driver.Misuse("a single restored file ('When the file \"x\" is restored') before a check of its content or age");
        return restored;
    }

    /// <summary>Removes the restore areas (before the driver gives its session back: <see cref="Hooks.ScenarioHooks"/>).</summary>
    public async ValueTask DisposeAsync() => await ForgetAsync();
}
