using BackupAcceptance.Amanda.Session;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

public sealed class AmrecoverArgumentTests
{
    // The encoder of docs/amrecover.md, section 3 (verified on Amanda 3.5.1), applied to index names as settranslate off shows them.
    [TestCase("globdir[1]", "\"globdir\\\\[1\\\\]\"")]
    [TestCase("back\\slash.txt", "\"back\\\\\\\\slash.txt\"")]
    [TestCase("quote\"double.txt", "\"quote\\\"double.txt\"")]
    [TestCase("star*.txt", "\"star\\\\*.txt\"")]
    [TestCase("dir with spaces", "\"dir with spaces\"")]
    [TestCase(@"\303\274n\303\257c\303\270d\303\251-dir", @"""\\\\303\\\\274n\\\\303\\\\257c\\\\303\\\\270d\\\\303\\\\251-dir""")]
    [TestCase("-leading-dash", "\"-leading-dash\"")]
    [TestCase("extract", "\"extract\"")]
    public void Pattern_escapes_globs_and_always_quotes(string indexName, string expected) =>
        AmrecoverArgument.Pattern(indexName).ShouldBe(expected);

    [TestCase("tab\there")]
    [TestCase("a\nquit")]
    [TestCase("del\x7F")]
    public void Control_characters_never_reach_amrecover(string value)
    {
        Should.Throw<ArgumentException>(() => AmrecoverArgument.Pattern(value));
        Should.Throw<ArgumentException>(() => AmrecoverArgument.Literal(value));
    }

    [Test]
    public void Literal_quotes_without_glob_escaping() =>
        AmrecoverArgument.Literal("/srv/a*b \"c\"").ShouldBe("\"/srv/a*b \\\"c\\\"\"");
}
