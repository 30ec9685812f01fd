using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class AllureTranscriptTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static TranscriptEntry Exchange(int i, string command, int lines) =>
        new(At.AddMilliseconds(i), command, string.Join("\n", Enumerable.Range(0, lines).Select(l => $"./t{i:00}/file{l:00000}.txt")), "", TimeSpan.FromMilliseconds(3));

    [Test]
    public void A_walk_of_thousands_of_exchanges_keeps_its_first_and_last_and_counts_the_rest()
    {
        var exchanges = Enumerable.Range(0, 4000).Select(i => Exchange(i, i % 2 == 0 ? $"cd \"/t{i}\"" : "ls", 20)).ToList();

        var text = AllureTranscript.Render(exchanges, notKept: 0, failed: false);

        text.Length.ShouldBeLessThan(16_000, "kilobytes, whatever the walk");
        text.ShouldContain("amrecover> cd \"/t0\"");
        text.ShouldContain("amrecover> ls", Case.Sensitive);
        text.ShouldContain($"… {4000 - AllureTranscript.HeadExchanges - AllureTranscript.TailExchanges} exchanges left out (1984 cd, 1984 ls;");
        text.ShouldContain("./t3999/file00019.txt", customMessage: "the last exchange's last line is the step's end");
    }

    [Test]
    public void A_restore_that_lists_every_file_keeps_the_head_and_tail_of_its_output_with_a_digest_of_the_rest()
    {
        var text = AllureTranscript.Render([Exchange(1, "extract", 100_000)], 0, failed: false);

        text.Length.ShouldBeLessThan(2_000);
        text.ShouldContain("./t01/file00000.txt");
        text.ShouldContain("./t01/file99999.txt");
        text.ShouldContain($"… {100_000 - AllureTranscript.OutputHeadLines - AllureTranscript.OutputTailLines} lines left out (sha256 ");
        text.ShouldNotContain("./t01/file50000.txt");
    }

    [Test]
    public void A_failed_step_keeps_the_longer_tail_its_failure_needs()
    {
        var passed = AllureTranscript.Render([Exchange(1, "extract", 1000)], 0, failed: false);
        var failed = AllureTranscript.Render([Exchange(1, "extract", 1000)], 0, failed: true);

        passed.ShouldNotContain("./t01/file00950.txt");
        failed.ShouldContain("./t01/file00950.txt");
        failed.ShouldContain("./t01/file00999.txt");
    }

    [Test]
    public void A_short_step_is_kept_whole_and_exchanges_the_session_dropped_are_said()
    {
        var exchanges = Enumerable.Range(0, 3).Select(i => Exchange(i, "ls", 4)).ToList();

        var text = AllureTranscript.Render(exchanges, notKept: 12, failed: false);

        text.ShouldStartWith("(12 earlier exchanges of this step not kept by the session)");
        text.ShouldNotContain("left out");
        text.Split('\n').Length.ShouldBe(1 + 3 * 5);
    }
}
