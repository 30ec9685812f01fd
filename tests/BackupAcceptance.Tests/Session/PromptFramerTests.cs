using System.Text;
using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

public sealed class PromptFramerTests
{
    private static Frame? Feed(PromptFramer framer, params string[] chunks)
    {
        Frame? frame = null;
        foreach (var chunk in chunks)
        {
            framer.Append(Encoding.Latin1.GetBytes(chunk));
            frame ??= framer.TryTake();
        }
        return frame;
    }

    [Test]
    public void Strips_the_echo_and_ends_at_the_prompt()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true);
        Feed(framer, "ls", "\n", "2026-11-26-20-09-55 a.txt\n2026-11-26-20-09-55 .\namrecover> ")!
            .Output.ShouldBe("2026-11-26-20-09-55 a.txt\n2026-11-26-20-09-55 .\n");
    }

    [Test]
    public void A_prompt_split_across_reads_is_found_once_complete()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true);
        Feed(framer, "pwd\n/srv/x\namrec").ShouldBeNull();
        Feed(framer, "over> ")!.Output.ShouldBe("/srv/x\n");
    }

    [Test]
    public void A_name_that_contains_the_prompt_text_does_not_end_the_frame()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true);
        // The read boundary falls right after a quoted name's "amrecover> ".
        Feed(framer, "ls\n2026-11-26-20-09-55 \"amrecover> ").ShouldBeNull();
        Feed(framer, "x\"\n2026-11-26-20-09-55 .\namrecover> ")!.Output
            .ShouldBe("2026-11-26-20-09-55 \"amrecover> x\"\n2026-11-26-20-09-55 .\n");
    }

    [Test]
    public void The_echo_itself_cannot_end_the_frame()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true);
        Feed(framer, "cd \"amrecover> ").ShouldBeNull();
        Feed(framer, "\"\n/srv/x/amrecover> \namrecover> ")!.Output.ShouldBe("/srv/x/amrecover> \n");
    }

    [Test]
    public void Pipelined_replies_that_arrive_together_are_cut_at_each_prompt()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true);
        framer.Expect(echoed: true, pipelined: true);
        Feed(framer, "cd \"/a\"\n/a\namrecover> ls\n2026-11-26-20-09-55 x\n2026-11-26-20-09-55 .\namrec")!.Output.ShouldBe("/a\n");
        framer.Expect(echoed: true, pipelined: true);
        framer.TryTake().ShouldBeNull(); // the second prompt is not complete yet
        Feed(framer, "over> ")!.Output.ShouldBe("2026-11-26-20-09-55 x\n2026-11-26-20-09-55 .\n");
    }

    [Test]
    public void Pipelined_a_prompt_text_inside_a_line_does_not_end_the_frame()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: true, pipelined: true);
        Feed(framer, "ls\n2026-11-26-20-09-55 \"amrecover> x\"\n").ShouldBeNull();
        Feed(framer, "2026-11-26-20-09-55 .\namrecover> cd \"/b\"\n/b\n")!.Output
            .ShouldBe("2026-11-26-20-09-55 \"amrecover> x\"\n2026-11-26-20-09-55 .\n");
        framer.Expect(echoed: true, pipelined: true);
        Feed(framer, "amrecover> ")!.Output.ShouldBe("/b\n");
    }

    [Test]
    public void A_glued_prompt_ends_the_frame_only_when_allowed()
    {
        var strict = new PromptFramer();
        strict.Expect(echoed: true);
        Feed(strict, "setdate 2026-13-01\ninvalid monthamrecover> ").ShouldBeNull();

        var lenient = new PromptFramer();
        lenient.Expect(echoed: true, allowGluedPrompt: true);
        Feed(lenient, "setdate 2026-13-01\ninvalid monthamrecover> ")!.Output.ShouldBe("invalid month");
    }

    [Test]
    public void The_banner_has_no_echo()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: false);
        Feed(framer, "AMRECOVER Version 3.5.1.\n200 Config set to ba-daily.\namrecover> ")!.Output
            .ShouldBe("AMRECOVER Version 3.5.1.\n200 Config set to ba-daily.\n");
    }

    [Test]
    public void Extract_questions_end_a_frame_only_when_expected_and_at_a_line_start()
    {
        var framer = new PromptFramer();
        framer.Expect(echoed: false, acceptQuestions: true);
        Feed(framer, "./odd file]? ").ShouldBeNull();
        var frame = Feed(framer, "\nRestoring files into directory /tmp/r\nContinue [?/Y/n]? ")!;
        frame.End.ShouldBe(FrameEnd.Question);
        frame.Output.ShouldEndWith("Continue [?/Y/n]? ");

        var notExpected = new PromptFramer();
        notExpected.Expect(echoed: false);
        Feed(notExpected, "Continue [?/Y/n]? ").ShouldBeNull();
    }
}
