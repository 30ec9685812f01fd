using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// What one scenario is checking, shared by its step classes through Reqnroll's context injection: the target and
/// the dump to look at from the Given steps, the amrecover session lent to the scenario (opened on first use,
/// returned after it), and what earlier steps produced (restored files, the estate).
/// </summary>
public sealed class BackupContext : IAsyncDisposable
{
    private SessionLease? _lease;

    public BackupTarget? Target { get; set; }

    /// <summary>"Given the dump as of DATE": browse the newest dump on or before it.</summary>
    public DumpDate? AsOf { get; set; }

    /// <summary>"Given the dump before the latest".</summary>
    public bool BeforeLatest { get; set; }

    /// <summary>Files restored by a When step, removed with the scenario.</summary>
    public RestoredFiles? Restored { get; set; }

    /// <summary>A sampled walk by a When step, for the Then step that judges it.</summary>
    public Amanda.Walking.SampleResult? Sample { get; set; }

    /// <summary>A session was opened for this scenario: from here on, Given steps may not change the target or dump.</summary>
    public bool Started { get; private set; }

    /// <summary>"Given every disk of CONFIG config": the disks to check.</summary>
    public IReadOnlyList<BackupTarget>? Estate { get; set; }

    /// <summary>The expectation that failed in this scenario, if any: its category decides how reports file it.</summary>
    public ExpectationFailedException? Failure { get; set; }

    public BackupTarget RequireTarget() => Target ?? throw new InvalidOperationException(
        "No backup target: start the scenario with a step such as 'Given daily config for localhost /etc'.");

    /// <summary>The scenario's session, at the root of the target disk, showing the dump the Given steps chose.</summary>
    public async Task<SessionLease> SessionAsync(CancellationToken cancellationToken)
    {
        var target = RequireTarget();
        if (_lease is { } lease && lease.Target == target) return lease;
        if (_lease is not null) await _lease.DisposeAsync();
        _lease = null;
        Started = true;
        var opened = await DiskAccess.OpenAsync(SuiteRun.Sessions, target, cancellationToken);
        try
        {
            await ChooseDumpAsync(opened, cancellationToken);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
        _lease = opened;
        Reporting.AllureRun.RecordBanner(opened.Session.Banner);
        return opened;
    }

    private async Task ChooseDumpAsync(SessionLease lease, CancellationToken cancellationToken)
    {
        var date = AsOf;
        if (BeforeLatest)
        {
            IReadOnlyList<DumpRecord> history;
            try
            {
                history = await lease.Session.HistoryAsync(cancellationToken);
            }
            catch (AmrecoverException failure)
            {
                throw AmandaFailures.Translate(lease.Target, null, "the disk's dump history (to find the dump before the latest)", failure);
            }
            date = history.Count >= 2 ? history[1].Date : throw new ExpectationFailedException(FailureCategory.StaleBackup,
                lease.Target, history.FirstOrDefault()?.Date, "a dump before the latest", $"{history.Count} dump(s) in the history",
                lease.Session.Transcript.Tail());
        }
        if (date is not { } chosen) return;
        try
        {
            await lease.ViewDumpAsync(chosen, cancellationToken);
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(lease.Target, chosen, $"a dump on or before {chosen}", failure) switch
            {
                { Category: FailureCategory.StaleBackup } stale => new ExpectationFailedException(FailureCategory.StaleBackup, lease.Target,
                    null, $"a dump on or before {chosen}", stale.Found, stale.TranscriptTail, failure),
                var other => other,
            };
        }
    }

    /// <summary>Everything this scenario's session said so far, for the test output and report attachments.</summary>
    public string? Transcript => _lease?.Session.Transcript.Render();

    public string TranscriptTail => _lease?.Session.Transcript.Tail() ?? "";

    /// <summary>What the audit of the disk's index files found, once a session was opened.</summary>
    public string IndexNote => _lease?.IndexNote ?? "";

    /// <summary>The transcript of the session lent to this scenario, if one was opened (for per-step attachments).</summary>
    public Amanda.Session.Transcript? SessionTranscript => _lease?.Session.Transcript;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Restored is not null) await Restored.DisposeAsync();
        }
        finally
        {
            Restored = null;
            if (_lease is not null) await _lease.DisposeAsync(); // given back even when removing the restore failed
            _lease = null;
        }
    }
}
