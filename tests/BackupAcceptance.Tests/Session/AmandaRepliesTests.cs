using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

public sealed class AmandaRepliesTests
{
    // As the session reads them: each byte of amrecover's UTF-8 output one Latin-1 char.
    private static AmandaErrorKind? Refusal(string output, string stderr = "") =>
        AmandaReplies.FindRefusal(new CommandReply("cd x", AsRead(output), AsRead(stderr), TimeSpan.Zero, FrameEnd.Prompt));

    private static string AsRead(string text) => System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(text));

    [TestCase("599 index not found\n/srv/x/sub\n")]
    [TestCase("502 something broke\n")]
    [TestCase("bad reply: garbage\n/srv/x\n")]
    public void Any_index_server_error_is_a_refusal_even_when_a_path_follows(string output) =>
        Refusal(output).ShouldNotBeNull();

    // docs/amrecover.md, section 4, and amrecover 3.5.1's extract.c for the extractor's words.
    [TestCase("500 No dumps available on or before date \"2020-01-01\"\n", AmandaErrorKind.NoDump)]
    [TestCase("200 Disk set to /x.\n500 No dumps available on or before date \"2026-11-26\"\nNo index records for disk for specified date\nIf date correct, notify system administrator\n", AmandaErrorKind.NoDump)]
    [TestCase("200 Working date set to 2020-01-01.\n500 No dumps available on or before date \"2020-01-01\"\nNo index records for cwd on new date\nSetting cwd to mount point\n", AmandaErrorKind.NoDump)]
    [TestCase("200 Working date set to 2026-12-04-16-51-46.\n599 index file not found for host 'localhost' disk '/x' level '0' date '2026-12-04-16-51-46'\nNo index records for cwd on new date\nSetting cwd to mount point\n", AmandaErrorKind.IndexMissing)]
    [TestCase("200 Disk set to /x.\nNo index records for disk for specified date\nIf date correct, notify system administrator\n", AmandaErrorKind.IndexMissing)]
    [TestCase("501 Could not read config file for nosuchconfig!\n", AmandaErrorKind.UnknownConfig)]
    [TestCase("501 Host nosuchhost is not in your disklist.\n", AmandaErrorKind.UnknownHost)]
    [TestCase("501 Disk localhost:/x is not in the server's disklist.\n", AmandaErrorKind.UnknownDisk)]
    [TestCase("File x doesn't exist in directory\n", AmandaErrorKind.NotFound)]
    [TestCase("500 \"/a\" is an invalid directory\nInvalid directory - a\n", AmandaErrorKind.InvalidDirectory)]
    [TestCase("Invalid directory - Can't cd outside mount point \"/srv/x\"\n", AmandaErrorKind.InvalidDirectory)]
    [TestCase("Too many directories matching 'glob*'\n", AmandaErrorKind.InvalidDirectory)]
    [TestCase("Invalid command: foo\n", AmandaErrorKind.Rejected)]
    [TestCase("syntax error\n", AmandaErrorKind.Rejected)]
    [TestCase("Invalid argument\n", AmandaErrorKind.Rejected)]
    [TestCase("Argument required\n", AmandaErrorKind.Rejected)]
    [TestCase("Must select disk before changing directory\n", AmandaErrorKind.Rejected)]
    [TestCase("Invalid date: bogus\n", AmandaErrorKind.Rejected)]
    [TestCase("Extract list empty - No files to extract!\n", AmandaErrorKind.Rejected)]
    [TestCase("\n./a.txt\nExtractor child exited with status 2\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("Got no header and data from server, check in amidxtaped.*.debug and amandad.*.debug files on server\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("ERROR /bin/tar exited with status 2: see /tmp/amanda/client/ba-daily/amgtar.debug\n", AmandaErrorKind.ExtractFailed)]
    public void Known_refusals_are_typed(string output, AmandaErrorKind kind) => Refusal(output).ShouldBe(kind);

    [TestCase("/bin/tar: ./a.txt: Cannot open: No space left on device\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("tar: Unexpected EOF in archive\n32 kb\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("tar: Deleting ‘./a’: Directory not empty\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("tar: Deleting ‘./a/a2.txt’\ntar: ./b: Cannot mkdir: Permission denied\n", AmandaErrorKind.ExtractFailed)]
    [TestCase("Unterminated quoted string\n", AmandaErrorKind.Rejected)]
    [TestCase("500 \"/\" is an invalid directory\n", AmandaErrorKind.Rejected)]
    public void Refusals_on_stderr_count_too(string stderr, AmandaErrorKind kind) => Refusal("/srv/x/sub\n", stderr).ShouldBe(kind);

    [TestCase("/srv/x/sub\n", "")]
    [TestCase("200 Disk set to /srv/x.\n", "")]
    [TestCase("Added file \"/a b\"\n", "")]
    [TestCase("\n./tar: odd name.txt\n./ERROR.txt\n", "32 kb\n280 kb\n")]
    [TestCase("200 Working date set to 2026-12-04.\nNo index records for cwd on new date\nSetting cwd to mount point\n", "")]
    // Verbatim from a whole restore of ba-nightly's deleted disk: GNU tar applying the level 1's deletions.
    [TestCase("./a/\ntar: Deleting ‘./a/a2.txt’\n./b/\ntar: Deleting ‘./b/b2.txt’\n", "")]
    [TestCase("./a/\n", "tar: Deleting './a/a2.txt'\n")]
    // Verbatim: the extractor's progress while restoring ba-nightly's compserver disk.
    [TestCase("./a.txt\n", "590 kb\n")]
    [TestCase("./a.txt\n", "500 kb\n599 kb\n")]
    public void Accepted_replies_are_not_refusals(string output, string stderr) => Refusal(output, stderr).ShouldBeNull();
}
