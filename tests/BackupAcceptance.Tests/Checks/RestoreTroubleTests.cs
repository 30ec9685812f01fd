using BackupAcceptance.Expectations.Failures;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>Which words of a failed extract blame this machine or the tape server, and which the backup.</summary>
public sealed class RestoreTroubleTests
{
    [TestCase("tar: ./doc01.txt: Wrote only 0 of 10240 bytes\ntar: ./doc02.txt: Cannot write: No space left on device",
        "the restore area is full (\"tar: ./doc02.txt: Cannot write: No space left on device\")")]
    [TestCase("amidxtaped: Storage 'nosuch' not found\nGot no header and data from server",
        "the tape server sent no data (amidxtaped says why in its debug log on the server, e.g. \"Storage 'x' not found\") (\"Got no header and data from server\")")]
    [TestCase("ERROR: amidxtaped: Storage 'nosuch' not found", "the tape server refused (\"ERROR: amidxtaped: Storage 'nosuch' not found\")")]
    [TestCase("[request failed: Connection refused]", "the tape server is not reachable (\"[request failed: Connection refused]\")")]
    public void Words_that_blame_this_machine_or_the_tape_server_are_explained(string words, string explanation) =>
        RestoreTrouble.Explain(words).ShouldBe(explanation);

    [TestCase("0 kb\ntar: This does not look like a tar archive\ntar: ./file01.txt: Not found in archive\nExtractor child exited with status 2")]
    [TestCase("tar: Unexpected EOF in archive")]
    [TestCase("./file01.txt\n./file02.txt")]
    [TestCase("")]
    public void Words_of_a_damaged_dump_stay_the_backups_fault(string words) => RestoreTrouble.Explain(words).ShouldBeNull();
}
