using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Listing;

public sealed class ListingParserTests
{
    [Test]
    public void Entries_are_unquoted_and_directories_marked()
    {
        var listing = ListingParser.Parse(
            "2026-11-26-20-09-55 weird/\n" +
            "2026-11-26-20-09-55 \"dir with spaces/\"\n" +
            "2026-11-26-20-09-55 \"quote\\\"double.txt\"\n" +
            "2026-11-26-20-09-55 \"back\\\\\\\\slash.txt\"\n" +
            "2026-11-26-20-09-55 star*.txt\n" +
            "2026-11-26-20-09-55 .\n");

        listing.HasDump.ShouldBeTrue();
        listing.DumpDate.ShouldBe(DumpDate.Parse("2026-11-26-20-09-55"));
        listing.Entries.Select(e => e.ToString()).ShouldBe(
            ["weird/", "dir with spaces/", "quote\"double.txt", "back\\slash.txt", "star*.txt"]);
        listing.Directories.Count().ShouldBe(2);
        listing.Files.Count().ShouldBe(3);
    }

    [Test]
    public void Nothing_at_all_means_no_dump_and_a_lone_dot_means_empty()
    {
        var none = ListingParser.Parse("");
        none.HasDump.ShouldBeFalse();
        none.IsEmpty.ShouldBeFalse();

        var empty = ListingParser.Parse("2026-11-26-20-02-47 .\n");
        empty.HasDump.ShouldBeTrue();
        empty.IsEmpty.ShouldBeTrue();
        empty.DumpDate.ShouldBe(DumpDate.Parse("2026-11-26-20-02-47"));
    }

    [Test]
    public void Untranslated_names_decode_to_their_exact_bytes()
    {
        // settranslate off: Amanda quoting around tar's escaping (verbatim lines from the random-names fixture).
        var listing = ListingParser.Parse(
            "2026-11-26-21-25-10 \"a\\\\nquit\"\n" +
            "2026-11-26-21-25-10 \"\\\\\\\\101\"\n" +
            "2026-11-26-21-25-10 \"\\\\033[2J.d/\"\n" +
            "2026-11-26-21-25-10 \"\\\\304\\\\372\\\\020\\\\271#\"\n" +
            "2026-11-26-21-25-10 \"\\\\266h\\\\a\\\\v{\"\n" +
            "2026-11-26-21-25-10 .\n");
        listing.Entries.Select(e => e.Name.Latin1).ShouldBe(
            ["a\nquit", "\\101", "\x1b[2J.d", "\xC4\xFA\x10\xB9#", "\xB6h\a\v{"]);
        listing.Entries.Select(e => e.IndexName).ShouldBe(
            ["a\\nquit", "\\\\101", "\\033[2J.d", "\\304\\372\\020\\271#", "\\266h\\a\\v{"]);
        listing.Entries[2].IsDirectory.ShouldBeTrue();
    }

    [Test]
    public void Lines_that_are_not_listing_lines_are_ignored()
    {
        var listing = ListingParser.Parse("500 No dumps available on or before date \"2020-01-01\"\n");
        listing.HasDump.ShouldBeFalse();
    }
}
