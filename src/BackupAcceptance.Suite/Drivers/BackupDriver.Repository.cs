using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Restic;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// A scenario about a restic repository (<c>Given restic repository ... for ... ...</c>): the steps whose meaning
/// carries over run the core's checks (BackupAcceptance.Core.Checks) on it; a step only Amanda answers is an input
/// error naming the step (<see cref="AmandaOnly"/>).
/// </summary>
public sealed partial class BackupDriver
{
    private IBackupSource? _source;
    private BackupInView? _view;
    private RestoredSet? _repositoryRestored;

    /// <summary>The repository the scenario is about, as the reader names it, or null for an Amanda scenario.</summary>
    public string? Repository => _source?.Subject;

    private bool OnRepository => _source is not null;

    public void UseRepository(string location, string host, string path)
    {
        RequireBeforeChecks();
        if (Target is not null || Estate is not null || _source is not null)
            throw Misuse($"one backup per scenario (it names {Target?.ToString() ?? Repository ?? "every disk of the configuration"} already)");
        try
        {
            _source = new ResticRepository(location, host, path);
        }
        catch (ArgumentException wrong)
        {
            // A word of the feature file's that cannot name a restic subject: an input error (broken), named by the
            // scenario, as for an Amanda word (TargetSteps.RequirePlainWords).
            var why = wrong.Message.Replace("Input error: ", "", StringComparison.Ordinal).Split(" (Parameter '")[0];
            throw new NUnit.Framework.AssertionException($"{FailureCategory.InputError.Title()}: scenario '{scenario.ScenarioInfo.Title}': {why}");
        }
    }

    /// <summary>The scenario's view of the repository, made at its first check with the dump choice of the Given steps.</summary>
    private BackupInView View()
    {
        if (_view is not null) return _view;
        Started = true;
        var choice = _dump.PreviousOfLatest ? SnapshotChoice.BeforeLatest
            : _dump.Date is { } date ? SnapshotChoice.AsOf(LatestAdmitted(date), date.ToString())
            : SnapshotChoice.Latest;
        return _view = new BackupInView(_source!, choice, "restic output");
    }

    /// <summary>The last moment (UTC) a dump date admits, read as setdate reads it: a day takes in all of it, a minute
    /// only its second 00.</summary>
    private static DateTimeOffset LatestAdmitted(Amanda.Listing.DumpDate date)
    {
        var local = date.Precision == Amanda.Listing.DumpDatePrecision.Day ? date.Value.Date.AddDays(1).AddTicks(-1) : date.Value;
        return new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)).ToUniversalTime(); // the offset of that moment (DST)
    }

    private Task<T> OnRepositoryAsync<T>(Func<BackupInView, CancellationToken, Task<T>> check) =>
        VerdictAsync(() => check(View(), Cancellation));

    /// <summary>A step the restic backend cannot answer: an input error naming it, before anything runs.</summary>
    private Exception AmandaOnly()
    {
        var info = scenario.StepContext.StepInfo;
        return Fail(View().Failure(FailureCategory.InputError, "a step the restic backend answers (docs/steps.md lists each step's backends)",
            $"'{info.StepDefinitionType} {info.Text}', which only Amanda answers"));
    }

    private async Task RepositoryFilesAsync(int minimum)
    {
        var tree = await OnRepositoryAsync((view, cancellation) => ContentRules.RequireFilesAsync(view, minimum, cancellation));
        checks.Record(tree.Files, "files");
        output.WriteLine($"{Repository} ({_view!.Chosen}): {tree.Files} files in {tree.Directories} directories");
    }

    private async Task RepositoryPathsAsync(Reqnroll.DataTable table)
    {
        if (PathTable.HeaderProblem(table) is { } problem) throw SuiteFailure(FailureCategory.SuiteDefect, PathTable.Expected, problem);
        var paths = PathTable.Rows(table);
        if (paths.Count == 0) throw SuiteFailure(FailureCategory.NothingChecked, "at least one path to look up", "a table without path rows");
        checks.Record(await OnRepositoryAsync((view, cancellation) => ContentRules.RequirePathsAsync(view, paths, cancellation)), "paths");
    }

    private async Task RepositoryFilesBelowAsync(string directory) =>
        checks.Record(await OnRepositoryAsync((view, cancellation) => ContentRules.RequireFilesBelowAsync(view, directory, cancellation)),
            $"file(s) below {directory}");

    private async Task RepositoryCountWithinPreviousAsync(int percent)
    {
        var change = await OnRepositoryAsync((view, cancellation) => CountRules.RequireWithinPreviousAsync(view, percent, cancellation));
        checks.Record(change.Count, "files");
        output.WriteLine($"{Repository}: {change.Count} files against {change.Reference} in the previous snapshot ({change})");
    }

    private async Task RepositoryCountWithinLiveAsync(int percent)
    {
        var live = RequireLiveHere();
        var change = await OnRepositoryAsync((view, cancellation) => CountRules.RequireWithinLiveAsync(view, live, percent, cancellation));
        checks.Record(change.Count, "files");
        output.WriteLine($"{Repository}: {change.Count} files against {change.Reference} live ({change})");
    }

    private async Task RepositoryDifferentFromPreviousAsync() =>
        checks.Record(await OnRepositoryAsync(ChangeRule.RequireDifferentFromPreviousAsync), "entries in two snapshots");

    private async Task RepositoryBackupAsync()
    {
        var snapshot = await OnRepositoryAsync(FreshnessRules.RequireBackupAsync);
        checks.Record(1, "snapshot");
        output.WriteLine($"{Repository}: {snapshot}");
    }

    private async Task RepositoryLatestNoOlderThanAsync(int hours)
    {
        var snapshot = await OnRepositoryAsync((view, cancellation) =>
            FreshnessRules.RequireLatestNoOlderThanAsync(view, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
        checks.Record(1, "snapshot");
        output.WriteLine($"{Repository}: latest {snapshot}");
    }

    private async Task RepositoryRecoveryPointAsync(string path, int hours)
    {
        var snapshot = await OnRepositoryAsync((view, cancellation) =>
            FreshnessRules.RequirePathNoOlderThanAsync(view, path, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow, cancellation));
        checks.Record(1, "recovery point");
        report.Facts["recovery point"] = snapshot.ToString();
    }

    public async Task RequireRepositoryCleanAsync(int? readDataPercent)
    {
        if (!OnRepository) throw Misuse("a restic repository ('Given restic repository ... for ... ...'): Amanda has no check of its own store here");
        await OnRepositoryAsync(async (view, cancellation) =>
        {
            await RepositoryRule.RequireCleanAsync(view, readDataPercent, cancellation);
            return true;
        });
        checks.Record(1, "repository check");
    }

    private async Task RepositoryRestoreRandomAsync(int count, int? seed)
    {
        var chosen = Seeds.Resolve(seed, run.Settings);
        output.WriteLine(Seeds.Replay(chosen));
        await KeepAsync(await OnRepositoryAsync(async (view, cancellation) =>
            await RestoreRules.RestoreRandomAsync(view, count, chosen, Area(view), cancellation)));
        evidence.Attach("restored files", $"{Seeds.Replay(chosen)}\n" + string.Join("\n", _repositoryRestored!.Files.Select(f => "/" + f.Entry.Path)));
    }

    private async Task RepositoryRestoreFileAsync(string path) =>
        await KeepAsync(await OnRepositoryAsync(async (view, cancellation) =>
            await RestoreRules.RestoreFileAsync(view, path, Area(view), cancellation)));

    private async Task KeepAsync(RestoredSet restored)
    {
        if (_repositoryRestored is { } earlier) await earlier.DisposeAsync();
        _repositoryRestored = restored;
        _restoredJudged = false;
    }

    private async Task RepositoryRestoredMatchLiveAsync()
    {
        var live = RequireLiveHere();
        var restored = RequireRepositoryRestored();
        var (compared, notes) = await OnRepositoryAsync((view, cancellation) => RestoreRules.RequireMatchesLiveAsync(view, restored, live, cancellation));
        checks.Record(compared, "restored files compared");
        evidence.Attach("restore comparison", $"compared {compared} file(s) by SHA-256\n{string.Join("\n", notes)}");
    }

    private async Task RepositoryRestoredContentAsync(string pattern)
    {
        var restored = RequireRepositoryRestored();
        await OnRepositoryAsync(async (view, cancellation) =>
        {
            await RestoreRules.RequireContentMatchesAsync(view, restored, pattern, cancellation);
            return true;
        });
        checks.Record(1, "restored file");
    }

    private async Task RepositoryRestoredNoOlderThanAsync(int hours)
    {
        var restored = RequireRepositoryRestored();
        await OnRepositoryAsync((view, _) =>
        {
            RestoreRules.RequireNoOlderThan(view, restored, FreshnessRules.Limit(view, hours), DateTimeOffset.UtcNow);
            return Task.FromResult(true);
        });
        checks.Record(1, "restored file");
    }

    private RestoredSet RequireRepositoryRestored()
    {
        _restoredJudged = true;
        return _repositoryRestored ?? throw Misuse("a restore first ('When the file \"x\" is restored' or 'When 5 random files are restored')");
    }

    /// <summary>A private area under the run's restore root, made as Amanda's restores make theirs; a root others could
    /// change is refused by name (the rule of <see cref="Expectations.Checks.PrivateArea"/>).</summary>
    private PrivateRestoreArea Area(BackupInView view)
    {
        try
        {
            return new PrivateRestoreArea(RestoreArea.Create(run.Settings.FullPath(SettingCatalogue.RestoreDir)));
        }
        catch (UntrustedRestoreRootException untrusted)
        {
            throw view.Failure(FailureCategory.RestoreFailed, Expectations.Checks.PrivateArea.TrustedRoot, $"{untrusted.Message}; nothing was restored", untrusted);
        }
    }

    /// <summary>The live directory the backed-up path is here, when the snapshots' host is this machine.</summary>
    private string RequireLiveHere()
    {
        var repository = (ResticRepository)_source!;
        if (LocalHost.Is(repository.Host)) return repository.Path;
        var info = scenario.StepContext.StepInfo;
        throw Fail(View().Failure(FailureCategory.InputError, $"snapshots of this machine ({Environment.MachineName} or localhost) to compare with live files",
            $"'{info.StepDefinitionType} {info.Text}' on snapshots of host {repository.Host}"));
    }
}
