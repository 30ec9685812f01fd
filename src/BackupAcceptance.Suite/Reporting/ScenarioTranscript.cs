using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Which exchanges of a session's transcript are this scenario's, and which this step's. A pooled session lives the
/// whole run and serves scenario after scenario, so its transcript holds earlier scenarios' exchanges: the test output,
/// the TRX and the report of one scenario carry only its own (issue 26: the whole session's transcript in every result took
/// vstest.console to 11 GB and the test host to 9 GB after 770 scenarios). A session is lent to one scenario at a time, so the exchanges from the scenario's first step
/// on are its own. Marks are exchange numbers (<see cref="Transcript.Count"/>) once a session is known, so what the
/// window dropped is counted exactly; before that (the step that rents the session), times. Context-injected.
/// </summary>
public sealed class ScenarioTranscript
{
    private DateTimeOffset? _scenarioStarted;
    private DateTimeOffset _stepStarted;
    private long? _stepMark;
    private long? _scenarioMark;

    public void BeginStep(Transcript? session, DateTimeOffset now)
    {
        _scenarioStarted ??= now;
        _stepStarted = now;
        _stepMark = session?.Count;
        if (session is not null) Observe(session);
    }

    /// <summary>This step's exchanges (bounded by the session's window, with the number it dropped).</summary>
    public TranscriptPart StepPart(Transcript session)
    {
        Observe(session);
        return _stepMark is { } mark ? session.Since(mark) : session.Since(_stepStarted);
    }

    /// <summary>This scenario's exchanges: none of an earlier scenario's, however long the session has lived.</summary>
    public TranscriptPart ScenarioPart(Transcript session)
    {
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

    /// <summary>The first sight of the session: the number of the scenario's first exchange, when the window still holds
    /// every exchange since the scenario started (else the times stay the only mark, and the part says what it lost).</summary>
    private void Observe(Transcript session)
    {
        if (_scenarioMark is not null || _scenarioStarted is not { } started) return;
        if (session.Since(started).NotKept == 0) _scenarioMark = session.MarkAt(started);
    }
}
