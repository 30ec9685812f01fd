using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

/// <summary>A pooled session serves scenario after scenario: each scenario's test output (which goes to the test host's
/// results, vstest.console, the TRX and the console) and each step's attachment hold only its own exchanges, bounded.
/// Issue 26: the whole session's history in every result took vstest.console to 11 GB after 770 scenarios.</summary>
public sealed class ScenarioTranscriptTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static TranscriptEntry Exchange(DateTimeOffset at, string command, int lines = 3) =>
        new(at, command, string.Join("\n", Enumerable.Range(0, lines).Select(l => $"{command.Replace(' ', '_')}/file{l:00000}.txt")), "", TimeSpan.FromMilliseconds(3));

    /// <summary>A session that served 700 scenarios before this one, as the pool hands it over.</summary>
    private static Transcript PooledSession()
    {
        var session = new Transcript(2000);
        for (var i = 0; i < 700 * 3; i++) session.Add(Exchange(At.AddMilliseconds(i), $"ls earlier-scenario-{i / 3}"));
        return session;
    }

    [Test]
    public void A_scenario_on_a_pooled_session_has_only_its_own_exchanges_in_its_output_and_attachments()
    {
        var session = PooledSession();
        var transcripts = new ScenarioTranscript();
        var start = At.AddSeconds(10);

        transcripts.BeginStep(null, start);                        // Given: no session yet
        var givenStep = transcripts.StepPart(session);              // (the hooks only ask once a session is lent)
        session.Add(Exchange(start.AddMilliseconds(5), "setdisk \"/etc\""));
        var renting = transcripts.StepPart(session);
        transcripts.BeginStep(session, start.AddMilliseconds(10)); // Then: the session rented above
        session.Add(Exchange(start.AddMilliseconds(11), "cd \"/\""));
        session.Add(Exchange(start.AddMilliseconds(12), "ls this-scenario"));
        var thenStep = transcripts.StepPart(session);
        var output = transcripts.OutputText(session, failed: false);

        givenStep.Entries.ShouldBeEmpty();
        renting.Entries.Select(e => e.Command).ShouldBe(["setdisk \"/etc\""]);
        thenStep.Entries.Select(e => e.Command).ShouldBe(["cd \"/\"", "ls this-scenario"]);
        thenStep.NotKept.ShouldBe(0);
        output.ShouldContain("amrecover> setdisk \"/etc\"");
        output.ShouldContain("amrecover> ls this-scenario");
        output.ShouldNotContain("earlier-scenario");
        output.ShouldNotContain("not kept");
        output.Length.ShouldBeLessThan(1_000);
    }

    [Test]
    public void Scenarios_running_in_parallel_each_get_their_own_exchanges_by_trace_not_by_time()
    {
        var session = PooledSession();
        var waiting = new ScenarioTranscript();
        var start = At.AddSeconds(10);
        waiting.BeginStep(null, start, trace: "b");                 // B starts, and waits for the session A holds
        for (var i = 0; i < 5; i++) session.Add(Exchange(start.AddMilliseconds(1 + i), $"ls scenario-a-{i}") with { Trace = "a" });
        session.Add(Exchange(start.AddMilliseconds(20), "setdisk \"/etc\"") with { Trace = "b" });
        var renting = waiting.StepPart(session);
        waiting.BeginStep(session, start.AddMilliseconds(30), trace: "b");
        session.Add(Exchange(start.AddMilliseconds(31), "ls scenario-b") with { Trace = "b" });
        var checking = waiting.StepPart(session);

        renting.Entries.Select(e => e.Command).ShouldBe(["setdisk \"/etc\""]);
        checking.Entries.Select(e => e.Command).ShouldBe(["ls scenario-b"]);
        waiting.ScenarioPart(session).Entries.Select(e => e.Command).ShouldBe(["setdisk \"/etc\"", "ls scenario-b"]);
        waiting.OutputText(session, failed: true).ShouldNotContain("scenario-a");
    }

    [Test]
    public void An_exchange_carries_the_trace_of_the_activity_it_was_made_under_and_its_dropped_are_counted_per_trace()
    {
        var session = new Transcript(10);
        string trace;
        using (var activity = new System.Diagnostics.Activity("scenario").Start())
        {
            trace = activity.TraceId.ToHexString();
            for (var i = 0; i < 25; i++) session.Add(Exchange(At.AddMilliseconds(i), $"ls {i}"));
        }
        session.Add(Exchange(At.AddSeconds(1), "ls outside"));

        session.Entries.Where(e => e.Command != "ls outside").ShouldAllBe(e => e.Trace == trace);
        var part = session.Of(trace);
        part.Entries.Count.ShouldBe(9);
        part.NotKept.ShouldBe(16);
    }

    [Test]
    public void A_passed_scenario_keeps_its_commands_and_a_failed_one_its_outputs_too()
    {
        var session = PooledSession();
        var transcripts = new ScenarioTranscript();
        var start = At.AddSeconds(10);
        transcripts.BeginStep(null, start);
        session.Add(Exchange(start.AddMilliseconds(5), "ls this-scenario", lines: 150));

        var passed = transcripts.OutputText(session, failed: false);
        var failed = transcripts.OutputText(session, failed: true);

        passed.ShouldContain("amrecover> ls this-scenario");
        passed.ShouldMatch(@"\(150 lines, sha256 [0-9a-f]{16}\)");
        passed.ShouldNotContain("file00000.txt");
        passed.Length.ShouldBeLessThan(300);
        failed.ShouldContain("ls_this-scenario/file00000.txt");
        failed.ShouldContain("ls_this-scenario/file00149.txt");
        failed.ShouldNotContain("earlier-scenario");
    }

    [Test]
    public void A_scenario_of_a_hundred_thousand_exchanges_has_a_bounded_output_that_counts_what_was_left_out()
    {
        var session = PooledSession();
        var transcripts = new ScenarioTranscript();
        var start = At.AddSeconds(10);
        transcripts.BeginStep(null, start);
        session.Add(Exchange(start.AddMilliseconds(1), "setdisk \"/big\""));
        transcripts.StepPart(session);
        transcripts.BeginStep(session, start.AddMilliseconds(2));

        for (var i = 0; i < 100_000; i++) session.Add(Exchange(start.AddMilliseconds(3 + i), $"ls walk-{i}", lines: 40));

        var step = transcripts.StepPart(session);
        var scenario = transcripts.ScenarioPart(session);
        var output = transcripts.OutputText(session, failed: true);
        var attachment = AllureTranscript.Render(step, failed: true);
        step.NotKept.ShouldBe(100_000 - step.Entries.Count, "counted exactly from the step's mark");
        scenario.NotKept.ShouldBe(100_001 - scenario.Entries.Count, "counted exactly from the scenario's first exchange");
        output.Length.ShouldBeLessThanOrEqualTo(AllureTranscript.MaxCharacters + 200);
        attachment.Length.ShouldBeLessThanOrEqualTo(AllureTranscript.MaxCharacters + 200);
        output.ShouldContain($"({scenario.NotKept} earlier exchanges of this scenario not kept by the session)");
        output.ShouldContain("ls walk-99999", customMessage: "the end of a failed scenario is its evidence");
        output.ShouldNotContain("earlier-scenario");
    }

    [Test]
    public void When_the_renting_step_alone_overflows_the_window_the_loss_is_said_not_guessed()
    {
        var session = PooledSession();
        var transcripts = new ScenarioTranscript();
        var start = At.AddSeconds(10);
        transcripts.BeginStep(null, start);

        for (var i = 0; i < 5000; i++) session.Add(Exchange(start.AddMilliseconds(1 + i), $"ls first-step-{i}"));

        var step = transcripts.StepPart(session);
        step.NotKept.ShouldBeNull();
        step.Entries.ShouldAllBe(e => e.Command!.StartsWith("ls first-step-"));
        transcripts.OutputText(session, failed: false).ShouldContain("earlier exchanges of this scenario not kept by the session's transcript window; how many is not known");
    }

    [Test]
    public void A_rendering_of_exchanges_with_enormous_lines_is_cut_to_the_limit()
    {
        var line = new string('n', 4000);
        var exchanges = Enumerable.Range(0, 100).Select(i => new TranscriptEntry(At.AddMilliseconds(i), $"ls {i}",
            string.Join("\n", Enumerable.Range(0, 30).Select(_ => line)), "", TimeSpan.Zero)).ToList();

        var text = AllureTranscript.Render(exchanges, notKept: 0, failed: true);

        text.Length.ShouldBeLessThanOrEqualTo(AllureTranscript.MaxCharacters + 200);
        text.ShouldMatch(@"… \d+ lines, \d+ characters not kept by the report \(sha256 [0-9a-f]{16}\) …");
        text.ShouldContain("amrecover> ls 0", customMessage: "how the step began");
        text.ShouldEndWith(line, customMessage: "how it ended");
    }
}
