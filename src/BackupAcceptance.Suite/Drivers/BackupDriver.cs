using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Suite.Reporting;
using BackupAcceptance.Suite.Run;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// The one way from a step to Amanda and back (Reqnroll's driver pattern): one per scenario, context-injected into
/// every step class. It holds what the Given steps chose (disk, dump, estate), lends the scenario its amrecover
/// session with that dump in view, runs the checks of BackupAcceptance.Expectations, turns an unmet expectation into
/// the test's failure with a reader's sentence, and records what each check looked at for the nothing-checked rule.
/// The checks, one layer per file, are in the other parts of this class (BackupDriver.*.cs).
/// </summary>
public sealed partial class BackupDriver(SuiteRun run, CheckLedger checks, Evidence evidence, ScenarioReport report,
    IReqnrollOutputHelper output, ScenarioContext scenario, TestContext test, DiskMeasurements measurements) : IAsyncDisposable
{
    private SessionLease? _lease;
    private DumpChoice _dump = DumpChoice.Latest;

    /// <summary>The disk the scenario is about, from <c>Given {config} config for {host} {disk}</c>.</summary>
    public BackupTarget? Target { get; private set; }

    /// <summary>The expectation that failed in this scenario, if any: its category decides how reports file it.</summary>
    public CheckFailedException? Failure { get; private set; }

    /// <summary>A session was opened for this scenario: from here on, Given steps may not change the target or dump.</summary>
    public bool Started { get; private set; }

    /// <summary>The transcript of the session lent to this scenario, if one was opened (for per-step attachments).</summary>
    public Amanda.Session.Transcript? SessionTranscript => _lease?.Session.Transcript;

    private string TranscriptTail => _lease?.Session.Transcript.Tail() ?? "";

    private CancellationTokenSource? _cancellation;

    /// <summary>NUnit's (a stopped test run) and the suite's (Ctrl-C, SIGTERM, the run's time limit) in one token.</summary>
    private CancellationToken Cancellation =>
        (_cancellation ??= CancellationTokenSource.CreateLinkedTokenSource(test.CancellationToken, run.Interruption.Token)).Token;

    public void UseDisk(string config, string host, string disk)
    {
        RequireBeforeChecks();
        if (Target is not null || Estate is not null || _source is not null)
            throw Misuse($"one disk or estate per scenario (it names {(Target?.ToString() ?? Repository ?? "every disk of the configuration")} already)");
        Target = new BackupTarget(config, host, disk);
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

    private BackupTarget RequireTarget() => OnRepository ? throw AmandaOnly() : Target ?? throw new InvalidOperationException(
        "No backup target: start the scenario with a step such as 'Given ba-daily config for localhost /etc'.");

    /// <summary>Given steps choose what the scenario looks at; one after a check or a restore would leave the reader
    /// unsure which dump the earlier steps saw. It fails as a suite defect instead.</summary>
    private void RequireBeforeChecks()
    {
        if (Started || checks.Entries.Count > 0) throw Misuse("every Given before the first When or Then step (it comes after a step that already looked at the backup)");
    }

    /// <summary>A feature that cannot mean what it says: a suite defect, named by the running step.</summary>
    private Exception Misuse(string expected)
    {
        var info = scenario.StepContext.StepInfo;
        return SuiteFailure(FailureCategory.SuiteDefect, expected, $"'{info.StepDefinitionType} {info.Text}'");
    }

    /// <summary>A failure of the scenario itself (not of one check), named by its target when it has one.</summary>
    private Exception SuiteFailure(FailureCategory category, string expected, string found)
    {
        if (OnRepository) return Fail(View().Failure(category, expected, found));
        if (Target is not { } target)
            return new AssertionException($"{category.Title()}: scenario '{scenario.ScenarioInfo.Title}': expected {expected}; found {found}.");
        return Fail(new ExpectationFailedException(category, target, Restored?.DumpDate ?? Sample?.DumpDate, expected, found, TranscriptTail));
    }

    /// <summary>The scenario's session, at the root of the target disk, showing the dump the Given steps chose.</summary>
    private async Task<SessionLease> SessionAsync()
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
    private async Task<T> VerdictAsync<T>(Func<Task<T>> check)
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
            // Whatever the stop did to the check (a killed session, a cancelled wait) is the stop's doing, not Amanda's.
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
    private async Task<T> OnDiskAsync<T>(Func<SessionLease, CancellationToken, Task<T>> check)
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

    private AssertionException Fail(CheckFailedException failure)
    {
        Failure = failure;
        return new AssertionException(failure.Message, failure);
    }

    /// <summary>What the nothing-checked rule finds wrong when the scenario ends, or null: no Then step checked
    /// anything, or a When step's result (a sample, restored files) was never judged by a Then step.</summary>
    public Exception? NothingChecked(string? found = null)
    {
        const string expected = "at least one Then step that checked a file, a path or a dump, and a Then step for every When step's result";
        if (found is not null) return SuiteFailure(FailureCategory.NothingChecked, expected, found);
        if (!checks.CheckedSomething) return SuiteFailure(FailureCategory.NothingChecked, expected, checks.Describe());
        if (Sample is not null && !_sampleJudged)
            return SuiteFailure(FailureCategory.NothingChecked, expected, "a sample no Then step judged (use 'Then the estimated file count is at least N')");
        if ((Restored is not null || _repositoryRestored is not null) && !_restoredJudged)
            return SuiteFailure(FailureCategory.NothingChecked, expected, "restored files no Then step looked at (compare them, or check their content or age)");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Restored is not null) await Restored.DisposeAsync();
        }
        finally
        {
            Restored = null;
            if (_repositoryRestored is not null) await _repositoryRestored.DisposeAsync();
            _repositoryRestored = null;
            if (_lease is not null) await _lease.DisposeAsync(); // given back even when removing the restore failed
            _lease = null;
            _cancellation?.Dispose();
        }
    }
}
