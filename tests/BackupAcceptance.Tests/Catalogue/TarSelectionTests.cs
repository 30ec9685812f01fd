using BackupAcceptance.Amanda.Client;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

/// <summary>The exclude file lines Amanda 3.5.1's add_exclude writes (quote_string without its outer quotes).</summary>
public sealed class TarSelectionTests
{
    // ba-nightly's excluded DLE (exclude "./cache"): /tmp/amanda/sendbackup._srv_fixtures_nightly_excluded.*.exclude
    // held exactly "./cache\n".
    [TestCase("./cache", "./cache")]
    [TestCase("*.tmp", "*.tmp")]
    [TestCase("./with space", "./with space")]
    [TestCase("./t\tab", "./t\\tab")]
    [TestCase("./a\"b", "./a\\\"b")]
    [TestCase("./back\\slash", "./back\\\\slash")]
    [TestCase("./colon:", "./colon:")]
    [TestCase("./\u00c3\u00bc*", "./\u00c3\u00bc*")] // "ü" as Latin-1 bytes: quoted, but not escaped
    public void A_pattern_is_written_as_add_exclude_writes_it(string pattern, string line) =>
        TarSelection.PatternLine(pattern).ShouldBe(line);

    [Test]
    public void The_file_ends_every_line_with_a_newline() =>
        TarSelection.FileBytes(["./cache", "./x"]).ShouldBe("./cache\n./x\n"u8.ToArray());
}
