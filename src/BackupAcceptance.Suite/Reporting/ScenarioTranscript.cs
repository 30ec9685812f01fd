using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Which exchanges of a session's transcript are this scenario's, and which this step's. A pooled session lives the
/// whole run and serves scenario after scenario, so its transcript holds other scenarios' exchanges: the test output,
/// the TRX and the report of one scenario carry only its own (issue 26: the whole session's transcript in every result
/// took vstest.console to 11 GB and the test host to 9 GB after 770 scenarios). Each exchange carries the trace id of
/// the scenario it was made for (the runner starts an activity per scenario): scenarios run in parallel, so times
/// alone would give a scenario that waited for the session the exchanges another made meanwhile. Without a trace
/// (outside the runner), exchange numbers and times. Context-injected.
/// </summary>
public sealed class ScenarioTranscript
{
    private DateTimeOffset? _scenarioStarted;
    private DateTimeOffset _stepStarted;
    private long? _stepMark;
    private long? _scenarioMark;
    private string? _trace;

    /// <param name="trace">The scenario's trace id (the runner's activity for the scenario), which every exchange made
    /// for it carries: exact even when scenarios run in parallel and one waits for the session another is using.</param>
    public void BeginStep(Transcript? session, DateTimeOffset now, string? trace = null)
    {
        _scenarioStarted ??= now;
        _trace ??= trace;
        _stepStarted = now;
        _stepMark = session?.Count;
        if (session is not null) Observe(session);
    }

    /// <summary>This step's exchanges (bounded by the session's window, with the number it dropped).</summary>
    public TranscriptPart StepPart(Transcript session)
    {
        Observe(session);
        // Once the session is known the step's exchanges follow its number mark (the session is this scenario's
        // alone while it is lent); the step that rents it has the trace (or, without one, the time) only.
        var part = _stepMark is { } mark ? session.Since(mark)
            : _trace is { } trace ? session.Of(trace)
            : session.Since(_stepStarted);
        return _trace is { } own ? part with { Entries = [.. part.Entries.Where(e => e.Trace == own)] } : part;
    }

    /// <summary>This scenario's exchanges: none of an earlier scenario's, however long the session has lived.</summary>
    public TranscriptPart ScenarioPart(Transcript session)
    {
        if (_trace is { } trace) return session.Of(trace);
        Observe(session);
        return _scenarioMark is { } mark ? session.Since(mark) : session.Since(_scenarioStarted ?? DateTimeOffset.MinValue);
    }

    /// <summary>What the test output says of the scenario's session: its own exchanges, at most
    /// <see cref="AllureTranscript.MaxCharacters"/> characters and a header line. A scenario that did not pass keeps
    /// the outputs (its evidence); one that passed keeps its commands, each output's size and digest: every result's
    /// output stays in the test host and vstest.console to the run's end, and NUnit copies them all into one result
    /// document as the run ends (5,000 scenarios: the test host went from 250 to 490 MiB there).</summary>
    public string OutputText(Transcript session, bool failed) => failed
        ? "--- amrecover transcript (this scenario's exchanges) ---\n" + AllureTranscript.Render(ScenarioPart(session), failed, whose: "scenario")
        : "--- amrecover commands (this scenario's; their outputs are in the report's steps) ---\n" + AllureTranscript.Commands(ScenarioPart(session));

    /// <summary>Without a trace, the first sight of the session: the number of the scenario's first exchange, when the
    /// window still holds every exchange since the scenario started (else the times stay the only mark, and the part
    /// says what it lost). Times are right only when scenarios do not overlap.</summary>
    private void Observe(Transcript session)
    {
        if (_trace is not null || _scenarioMark is not null || _scenarioStarted is not { } started) return;
        if (session.Since(started).NotKept == 0) _scenarioMark = session.MarkAt(started);
    }
}
