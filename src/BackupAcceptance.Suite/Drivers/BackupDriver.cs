using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Expectations.Sources;
using BackupAcceptance.Restic;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// The scenario's backup and its verdict (Reqnroll's driver pattern), one per scenario: what the Given steps chose (an
/// Amanda disk and dump, an estate, or a restic repository), the amrecover session or the repository view lent to the
/// checks, and the one way a check's outcome becomes the test's: an unmet expectation is the failure, with a reader's
/// sentence, kept for reports. The checks themselves are the small drivers beside it, one per concern
/// (<see cref="IndexContentDriver"/>, <see cref="FreshnessDriver"/>, <see cref="RestoreDriver"/>,
/// <see cref="DataCheckDriver"/>, <see cref="SamplingDriver"/>, <see cref="EstateDriver"/>, <see cref="RepositoryDriver"/>),
/// each injected into the step class that needs it.
/// </summary>
public sealed class BackupDriver(SuiteRun run, CheckLedger checks, ScenarioReport report, IReqnrollOutputHelper output,
    ScenarioContext scenario, TestContext test, DiskMeasurements measurements) : IAsyncDisposable
{
    private SessionLease? _lease;
    private DumpChoice _dump = DumpChoice.Latest;
    private IBackupSource? _source;
    private BackupInView? _view;
    private CancellationTokenSource? _cancellation;

    /// <summary>The disk the scenario is about, from <c>Given {config} config for {host} {disk}</c>.</summary>
    public BackupTarget? Target { get; private set; }

    /// <summary>"Given every disk of CONFIG config": the disks to check.</summary>
    public IReadOnlyList<BackupTarget>? Estate { get; private set; }

    /// <summary>What the scenario is about, as the reader names it: the repository, else the disk.</summary>
    internal string Subject => Repository ?? Target?.ToString() ?? "every disk of the configuration";

    /// <summary>The repository the scenario is about, as the reader names it, or null for an Amanda scenario.</summary>
    public string? Repository => _source?.Subject;

    /// <summary>The expectation that failed in this scenario, if any: its category decides how reports file it.</summary>
    public CheckFailedException? Failure { get; private set; }

    /// <summary>A session or view was opened for this scenario: from here on, Given steps may not change the subject.</summary>
    public bool Started { get; private set; }

    /// <summary>The dump a When step's result (restored files, a sample) came from, for reports of a scenario that ends
    /// without a failure naming one.</summary>
    public DumpDate? DumpSeen { get; internal set; }

    /// <summary>The transcript of the session lent to this scenario, if one was opened (for per-step attachments).</summary>
    public Amanda.Session.Transcript? SessionTranscript => _lease?.Session.Transcript;

    internal string TranscriptTail => _lease?.Session.Transcript.Tail() ?? "";

    internal bool OnRepository => _source is not null;

    /// <summary>The snapshot a repository's checks look at, once one was chosen (for the console's lines).</summary>
    public Snapshot? ChosenSnapshot => _view?.Chosen;

    /// <summary>The repository as the estate page and the count history key a disk: "restic LOCATION", host, path.</summary>
    public (string Config, string Host, string Disk)? RepositoryColumns => _source is ResticRepository repository
        ? ($"restic {ResticLocation.Shown(repository.Location)}", repository.Host, repository.Path)
        : null;

    /// <summary>A snapshot's time as the histories write a dump's (local, to the second: 2026-12-05-21-10-58).</summary>
    public static string HistoryDump(Snapshot snapshot) => new DumpDate(snapshot.Time.ToLocalTime().DateTime).ToString();

    /// <summary>NUnit's (a stopped test run) and the suite's (Ctrl-C, SIGTERM, the run's time limit) in one token.</summary>
    internal CancellationToken Cancellation =>
        (_cancellation ??= CancellationTokenSource.CreateLinkedTokenSource(test.CancellationToken, run.Interruption.Token)).Token;

    public void UseDisk(string config, string host, string disk)
    {
        RequireOneSubject("one disk or estate per scenario");
        Target = new BackupTarget(config, host, disk);
    }

    public void UseRepository(string location, string host, string path)
    {
        RequireOneSubject("one backup per scenario");
        try
        {
            _source = new ResticRepository(location, host, path);
        }
        catch (ArgumentException wrong)
        {
            // A word of the feature file's that cannot name a restic subject: an input error (broken), named by the
            // scenario, as for an Amanda word (TargetSteps.RequirePlainWords).
            var why = wrong.Message.Replace("Input error: ", "", StringComparison.Ordinal).Split(" (Parameter '")[0];
            throw new AssertionException($"{FailureCategory.InputError.Title()}: scenario '{scenario.ScenarioInfo.Title}': {why}");
        }
    }

    /// <summary>The estate, once its disks are found (<see cref="EstateDriver"/>).</summary>
    internal async Task UseEstateAsync(Func<Task<IReadOnlyList<BackupTarget>>> disks)
    {
        RequireBeforeChecks();
        if (Target is not null || Estate is not null || OnRepository) throw Misuse("one disk, estate or repository per scenario");
        if (_dump != DumpChoice.Latest) throw Misuse("no dump choice with the estate: the estate check looks at each disk's latest dump");
        Estate = await VerdictAsync(disks);
    }

    private void RequireOneSubject(string rule)
    {
        RequireBeforeChecks();
        if (Target is not null || Estate is not null || _source is not null)
            throw Misuse($"{rule} (it names {Target?.ToString() ?? Repository ?? "every disk of the configuration"} already)");
    }

    public void UseDumpAsOf(DumpDate date) => ChooseDump(DumpChoice.AsOf(date));

    public void UseDumpBeforeLatest() => ChooseDump(DumpChoice.BeforeLatest);

    private void ChooseDump(DumpChoice choice)
    {
        RequireBeforeChecks();
        if (_dump != DumpChoice.Latest) throw Misuse($"one dump choice per scenario (it chose {_dump} already)");
        if (Estate is not null) throw Misuse("a dump choice only for one disk: the estate check looks at each disk's latest dump");
        _dump = choice;
    }

    internal BackupTarget RequireTarget() => OnRepository ? throw AmandaOnly() : Target ?? throw new InvalidOperationException(
        "No backup target: start the scenario with a step such as 'Given ba-daily config for localhost /etc'.");

    /// <summary>Given steps choose what the scenario looks at; one after a check or a restore would leave the reader
    /// unsure which dump the earlier steps saw. It fails as a suite defect instead.</summary>
    private void RequireBeforeChecks()
    {
        if (Started || checks.Entries.Count > 0) throw Misuse("every Given before the first When or Then step (it comes after a step that already looked at the backup)");
    }

    /// <summary>A feature that cannot mean what it says: a suite defect, named by the running step.</summary>
    internal Exception Misuse(string expected)
    {
        var info = scenario.StepContext.StepInfo;
        return SuiteFailure(FailureCategory.SuiteDefect, expected, $"'{info.StepDefinitionType} {info.Text}'");
    }

    /// <summary>A failure of the scenario itself (not of one check), named by its subject when it has one.</summary>
    internal Exception SuiteFailure(FailureCategory category, string expected, string found)
    {
        if (OnRepository) return Fail(View().Failure(category, expected, found));
        if (Target is not { } target)
            return new AssertionException($"{category.Title()}: scenario '{scenario.ScenarioInfo.Title}': expected {expected}; found {found}.");
        return Fail(new ExpectationFailedException(category, target, DumpSeen, expected, found, TranscriptTail));
    }

    /// <summary>The nothing-checked rule's failure (<see cref="Hooks.NothingCheckedRule"/>), with what it found.</summary>
    public Exception NothingChecked(string found) => SuiteFailure(FailureCategory.NothingChecked,
        "at least one Then step that checked a file, a path or a dump, and a Then step for every When step's result", found);

    /// <summary>The scenario's session, at the root of the target disk, showing the dump the Given steps chose.</summary>
    internal async Task<SessionLease> SessionAsync()
    {
        if (_lease is { } lease) return lease;
        var target = RequireTarget();
        Started = true;
        var opened = await run.Sessions.RentAsync(target, Cancellation);
        try
        {
            await _dump.ApplyAsync(opened, Cancellation);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
        _lease = opened;
        run.Report.RecordBanner(opened.Session.Banner);
        output.WriteLine($"{target}: {opened.IndexNote}");
        return opened;
    }

    /// <summary>Runs a check; an unmet expectation becomes the test's failure, whose message is exactly the reader's
    /// sentence ("Hollow backup: ba-daily localhost:/srv/x ..."). NUnit would report any other exception as an error,
    /// prefixed with its type name. The failure stays on the driver (category, target, dump date) for reports.</summary>
    internal async Task<T> VerdictAsync<T>(Func<Task<T>> check)
    {
        try
        {
            // A stopped run starts no new check: the person who pressed Ctrl-C wants it to end, not to go on quietly.
            Cancellation.ThrowIfCancellationRequested();
            return await check();
        }
        catch (CheckFailedException failure) when (!Interrupted(failure))
        {
            throw Fail(failure);
        }
        catch (Exception failure) when (Interrupted(failure))
        {
            // Whatever the stop did to the check (a killed session, a cancelled wait) is the stop's doing, not the backup's.
            throw SuiteFailure(FailureCategory.Interrupted, "the check to finish", $"the run was {run.Interruption.Reason}");
        }
    }

    /// <summary>The run was stopped and this failure is not a verdict on the backup reached before the stop.</summary>
    private bool Interrupted(Exception failure) => run.Interruption.Requested && failure switch
    {
        CheckFailedException expectation => !expectation.Category.IsBackupDefect(),
        _ => true,
    };

    /// <summary>A check of the target disk, with its session.</summary>
    internal async Task<T> OnDiskAsync<T>(Func<SessionLease, CancellationToken, Task<T>> check)
    {
        var walksBefore = run.Sessions.Walks.Count;
        try
        {
            return await VerdictAsync(async () => await check(await SessionAsync(), Cancellation));
        }
        finally
        {
            // The step says how its numbers were got (index files or amrecover), in the report and on the console.
            foreach (var walk in run.Sessions.Walks.Skip(walksBefore).Where(w => w.Target == _lease?.Target))
            {
                output.WriteLine(walk.ToString());
                report.RecordCount(walk);
                measurements.Files(walk.Target, walk.Dump, walk.Files);
            }
        }
    }

    /// <summary>The scenario's view of the repository, made at its first check with the dump choice of the Given steps.</summary>
    private BackupInView View()
    {
        if (_view is not null) return _view;
        Started = true;
        return _view = new BackupInView(_source!, _dump.Snapshots, "restic output");
    }

    /// <summary>A check of the repository, through the core's rules, with the chosen snapshot in view.</summary>
    internal Task<T> OnRepositoryAsync<T>(Func<BackupInView, CancellationToken, Task<T>> check) =>
        VerdictAsync(() => check(View(), Cancellation));

    /// <summary>A check the core's rules answer for any backup system: on a repository's view, or on the disk's dump
    /// history and counts (<see cref="AmandaView"/>, <see cref="AmandaDisk"/>) with the scenario's session
    /// showing the chosen dump.</summary>
    internal Task<T> OnBackupAsync<T>(Func<BackupInView, CancellationToken, Task<T>> rule) => OnRepository
        ? OnRepositoryAsync(rule)
        : OnDiskAsync((lease, cancellation) => AmandaView.RunAsync(lease, new AmandaDisk(lease), _dump.Dumps(lease), rule, cancellation));

    /// <summary>A step the restic backend cannot answer: an input error naming it, before anything runs.</summary>
    internal Exception AmandaOnly()
    {
        var info = scenario.StepContext.StepInfo;
        return Fail(View().Failure(FailureCategory.InputError, "a step the restic backend answers (docs/steps.md lists each step's backends)",
            $"'{info.StepDefinitionType} {info.Text}', which only Amanda answers"));
    }

    /// <summary>The core's private area (<see cref="IPrivateArea"/>) as the suite makes every restore area: under the
    /// run's trusted restore root, mode 0700, marked with the run that owns it, removed with what it holds
    /// (<see cref="RestoreArea"/>); a root others could change is refused by name (the rule of
    /// <see cref="Expectations.Checks.PrivateArea"/>).</summary>
    internal RestoreArea Area(BackupInView view)
    {
        try
        {
            return RestoreArea.Create(run.Settings.FullPath(SettingCatalogue.RestoreDir));
        }
        catch (UntrustedRestoreRootException untrusted)
        {
            throw view.Failure(FailureCategory.RestoreFailed, Expectations.Checks.PrivateArea.TrustedRoot, $"{untrusted.Message}; nothing was restored", untrusted);
        }
    }

    /// <summary>The live directory a live count compares with: none for a system that reads its live side itself (an
    /// Amanda DLE, <see cref="ILiveFiles"/>), else the backed-up path here.</summary>
    internal string? LiveDirectory(BackupInView view) => view.History is ILiveFiles ? null : RequireLiveHere();

    /// <summary>The live directory the backed-up path is here, when the snapshots' host is this machine.</summary>
    internal string RequireLiveHere()
    {
        var repository = (ResticRepository)_source!;
        if (LocalHost.Is(repository.Host)) return repository.Path;
        var info = scenario.StepContext.StepInfo;
        throw Fail(View().Failure(FailureCategory.InputError, $"snapshots of this machine ({Environment.MachineName} or localhost) to compare with live files",
            $"'{info.StepDefinitionType} {info.Text}' on snapshots of host {repository.Host}"));
    }

    internal AssertionException Fail(CheckFailedException failure)
    {
        Failure = failure;
        return new AssertionException(failure.Message, failure);
    }

    /// <summary>Gives the session back (after the restore drivers removed their areas: <see cref="Hooks.ScenarioHooks"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_lease is not null) await _lease.DisposeAsync();
        }
        finally
        {
            _lease = null;
            _cancellation?.Dispose();
        }
    }
}
