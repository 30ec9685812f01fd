using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

public sealed class AmrecoverArgumentTests
{
    // The worked examples of amanda-facts §6.5, each verified against the real amrecover there.
    [TestCase("globdir[1]", "\"globdir\\\\[1\\\\]\"")]
    [TestCase("back\\slash.txt", "\"back\\\\\\\\slash.txt\"")]
    [TestCase("quote\"double.txt", "\"quote\\\"double.txt\"")]
    [TestCase("star*.txt", "\"star\\\\*.txt\"")]
    [TestCase("dir with spaces", "\"dir with spaces\"")]
    [TestCase("ünïcødé-dir", "\"ünïcødé-dir\"")]
    [TestCase("-leading-dash", "\"-leading-dash\"")]
    [TestCase("extract", "\"extract\"")]
    public void Pattern_escapes_globs_and_always_quotes(string name, string expected) =>
        Transcript.Utf8(AmrecoverArgument.Pattern(RawName.FromDisplay(name))).ShouldBe(expected);

    [Test]
    public void Control_characters_never_reach_amrecover()
    {
        var name = new RawName("tab\there\nnew\x7F");
        var pattern = AmrecoverArgument.Pattern(name);
        pattern.ShouldBe("\"tab?here?new?\"");
        pattern.Any(AmrecoverArgument.IsControl).ShouldBeFalse();
        AmrecoverArgument.NeedsWildcard(name).ShouldBeTrue();
        Should.Throw<ArgumentException>(() => AmrecoverArgument.Literal("disk\nquit"));
    }

    [Test]
    public void Literal_quotes_without_glob_escaping() =>
        AmrecoverArgument.Literal("/srv/a*b \"c\"").ShouldBe("\"/srv/a*b \\\"c\\\"\"");
}
