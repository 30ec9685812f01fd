using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

public sealed class AmandaRepliesTests
{
    private static AmandaErrorKind? Refusal(string output) =>
        AmandaReplies.FindRefusal(new CommandReply("cd x", output, "", TimeSpan.Zero, FrameEnd.Prompt));

    [TestCase("599 index not found\n/srv/x/sub\n")]
    [TestCase("502 something broke\n")]
    [TestCase("bad reply: garbage\n/srv/x\n")]
    public void Any_index_server_error_is_a_refusal_even_when_a_path_follows(string output) =>
        Refusal(output).ShouldNotBeNull();

    [TestCase("500 No dumps available on or before date \"2020-01-01\"\n", AmandaErrorKind.NoDump)]
    [TestCase("501 Disk localhost:/x is not in the server's disklist.\n", AmandaErrorKind.UnknownDisk)]
    [TestCase("File x doesn't exist in directory\n", AmandaErrorKind.NotFound)]
    [TestCase("500 \"/a\" is an invalid directory\nInvalid directory - a\n", AmandaErrorKind.InvalidDirectory)]
    public void Known_refusals_are_typed(string output, AmandaErrorKind kind) => Refusal(output).ShouldBe(kind);

    [TestCase("/srv/x/sub\n")]
    [TestCase("200 Disk set to /srv/x.\n")]
    [TestCase("Added file \"/a b\"\n")]
    public void Accepted_replies_are_not_refusals(string output) => Refusal(output).ShouldBeNull();
}
