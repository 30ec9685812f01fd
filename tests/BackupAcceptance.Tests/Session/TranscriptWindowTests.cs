using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>A pooled session lives the whole run: its transcript must hold a bounded window, however many exchanges
/// and however large their outputs, and still say exactly what it no longer holds.</summary>
public sealed class TranscriptWindowTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static TranscriptEntry Exchange(int i, int lines = 20, string tag = "x") =>
        new(At.AddMilliseconds(i), $"ls {tag}{i}", string.Join("\n", Enumerable.Range(0, lines).Select(l => $"{tag}{i:000000}/file{l:000000}.txt")), "", TimeSpan.FromMilliseconds(3));

    [Test]
    public void Hundreds_of_thousands_of_exchanges_keep_a_window_bounded_in_exchanges_and_characters()
    {
        var transcript = new Transcript(2000);

        for (var i = 0; i < 200_000; i++) transcript.Add(Exchange(i));

        transcript.Count.ShouldBe(200_000);
        transcript.Entries.Count.ShouldBeLessThanOrEqualTo(2000);
        transcript.Characters.ShouldBeLessThanOrEqualTo(transcript.CharacterBudget);
        transcript.CharacterBudget.ShouldBe(2000L * Transcript.CharactersPerExchange);
        transcript.Dropped.ShouldBe(200_000 - transcript.Entries.Count);
        transcript.Entries[^1].Command.ShouldBe("ls x199999", "the newest exchange is always kept");
        transcript.Render().Length.ShouldBeLessThan(600_000);
        transcript.Render().ShouldStartWith($"({transcript.Dropped} earlier exchanges not kept)");
        transcript.Tail(3).ShouldEndWith("x199999/file000019.txt");
    }

    [Test]
    public void A_new_borrower_s_tail_never_shows_the_disk_the_session_served_before()
    {
        var transcript = new Transcript(2000);
        transcript.Add(Exchange(1, lines: 30, tag: "full"));   // the previous lease: a disk full of files

        transcript.BeginBorrower();
        transcript.Tail().ShouldBeEmpty();
        transcript.Add(Exchange(2, lines: 1, tag: "hollow"));

        transcript.Tail().ShouldNotContain("full");
        transcript.Tail().ShouldContain("hollow000002/file000000.txt");
        transcript.Render().ShouldContain("full000001", customMessage: "the whole window still holds it, for the step's report");
    }

    [Test]
    public void An_output_of_a_huge_directory_keeps_its_head_and_tail_and_says_what_was_cut()
    {
        var transcript = new Transcript(2000);

        transcript.Add(Exchange(1, lines: 100_000));

        var kept = transcript.Entries.Single().Output;
        kept.Length.ShouldBeLessThan(Transcript.EntryCharacterLimit + 200);
        kept.ShouldStartWith("x000001/file000000.txt");
        kept.ShouldEndWith("x000001/file099999.txt", customMessage: "the tail is what a failure message shows");
        kept.ShouldMatch(@"… \d+ lines, \d+ characters not kept by the transcript \(sha256 [0-9a-f]{16}\) …");
        transcript.Tail(1).ShouldBe("  x000001/file099999.txt");
    }

    [Test]
    public void One_exchange_larger_than_the_whole_budget_is_still_kept_as_the_newest()
    {
        var transcript = new Transcript(10, characterBudget: 100);

        transcript.Add(Exchange(1, lines: 50));
        transcript.Add(Exchange(2, lines: 50));

        transcript.Entries.Select(e => e.Command).ShouldBe(["ls x2"]);
        transcript.Dropped.ShouldBe(1);
    }

    [Test]
    public void A_part_since_a_mark_counts_exactly_what_the_window_dropped()
    {
        var transcript = new Transcript(100);
        for (var i = 0; i < 50; i++) transcript.Add(Exchange(i, lines: 1, tag: "earlier"));
        var mark = transcript.Count;

        for (var i = 50; i < 400; i++) transcript.Add(Exchange(i, lines: 1, tag: "mine"));

        var part = transcript.Since(mark);
        part.Entries.Count.ShouldBe(100);
        part.NotKept.ShouldBe(250);
        part.Entries.ShouldAllBe(e => e.Command!.StartsWith("ls mine"));
        transcript.Since(transcript.Count).Entries.ShouldBeEmpty("nothing since now");
        transcript.Since(transcript.Count).NotKept.ShouldBe(0);
    }

    [Test]
    public void A_part_since_a_time_is_exact_until_the_window_drops_exchanges_made_since_then()
    {
        var transcript = new Transcript(100);
        for (var i = 0; i < 150; i++) transcript.Add(Exchange(i, lines: 1, tag: "earlier"));
        var since = At.AddMilliseconds(150);
        for (var i = 150; i < 160; i++) transcript.Add(Exchange(i, lines: 1, tag: "mine"));

        var part = transcript.Since(since);
        part.Entries.Count.ShouldBe(10);
        part.NotKept.ShouldBe(0);
        transcript.MarkAt(since).ShouldBe(150);

        for (var i = 160; i < 400; i++) transcript.Add(Exchange(i, lines: 1, tag: "mine"));
        transcript.Since(since).NotKept.ShouldBeNull("some of the part were dropped: their number is not guessed");
    }
}
