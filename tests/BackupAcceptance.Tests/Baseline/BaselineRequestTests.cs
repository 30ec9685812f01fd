using BackupAcceptance.Baseline;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Baseline;

public sealed class BaselineRequestTests
{
    [Test]
    public void Defaults_and_options()
    {
        var (request, _) = BaselineRequest.Parse(["ba-daily"]);
        request.ShouldNotBeNull();
        (request.Config, request.Host, request.Force, request.KeepPercent, request.DriftPercent, request.Paths)
            .ShouldBe(("ba-daily", (string?)null, false, 90, 10, 3));
        request.Output.ShouldBe(Path.GetFullPath("baseline-ba-daily.feature"));

        (request, _) = BaselineRequest.Parse(["ba-daily", "db1", "--force", "--keep", "80", "--drift", "25", "--paths", "0", "--out", "/tmp/b.feature"]);
        request.ShouldBe(new BaselineRequest("ba-daily", "db1", "/tmp/b.feature", true, 80, 25, 0));
    }

    [TestCase(new string[0], "expected CONFIG")]
    [TestCase(new[] { "a", "b", "c" }, "expected CONFIG")]
    [TestCase(new[] { "ba-daily", "--keep", "0" }, "--keep: '0' is not a whole number")]
    [TestCase(new[] { "ba-daily", "--keep", "101" }, "--keep: '101'")]
    [TestCase(new[] { "ba-daily", "--drift", "-5" }, "--drift: '-5'")]
    [TestCase(new[] { "ba-daily", "--paths" }, "--paths needs a value")]
    [TestCase(new[] { "ba-daily", "--bogus" }, "unknown option --bogus")]
    public void Bad_arguments_are_refused_by_name(string[] arguments, string error)
    {
        var (request, why) = BaselineRequest.Parse(arguments);
        request.ShouldBeNull();
        why.ShouldStartWith(error);
    }
}
