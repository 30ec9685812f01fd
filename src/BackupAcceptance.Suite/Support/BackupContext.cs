using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// What one scenario is checking, shared by its step classes through Reqnroll's context injection: the target from
/// the Given step, and the amrecover session lent to the scenario (opened on first use, returned after it).
/// </summary>
public sealed class BackupContext : IAsyncDisposable
{
    private SessionLease? _lease;

    public BackupTarget? Target { get; set; }

    /// <summary>The expectation that failed in this scenario, if any: its category decides how reports file it.</summary>
    public ExpectationFailedException? Failure { get; set; }

    public BackupTarget RequireTarget() => Target ?? throw new InvalidOperationException(
        "No backup target: start the scenario with a step such as 'Given daily config for localhost /etc'.");

    /// <summary>The scenario's session, positioned at the root of the target disk.</summary>
    public async Task<SessionLease> SessionAsync(CancellationToken cancellationToken)
    {
        var target = RequireTarget();
        if (_lease is { } lease && lease.Target == target) return lease;
        if (_lease is not null) await _lease.DisposeAsync();
        _lease = null;
        _lease = await DiskAccess.OpenAsync(SuiteRun.Sessions, target, cancellationToken);
        return _lease;
    }

    /// <summary>Everything this scenario's session said so far, for the test output and report attachments.</summary>
    public string? Transcript => _lease?.Session.Transcript.Render();

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null) await _lease.DisposeAsync();
        _lease = null;
    }
}
