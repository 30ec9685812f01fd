using BackupAcceptance.Suite.Reporting;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

public sealed class AllureResultsWriterTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("ba-allure-writer-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Reset_removes_only_allures_own_files()
    {
        var writer = new AllureResultsWriter(_dir);
        writer.WriteTextAttachment("t", "x");
        writer.WriteEnvironment([new("Key with space", "a=b")]);
        File.WriteAllText(Path.Combine(_dir, "keep-me.txt"), "not ours");

        writer.Reset();

        Directory.EnumerateFiles(_dir).Select(Path.GetFileName).ShouldBe(["keep-me.txt"]);
    }

    [Test]
    public void Environment_properties_escape_what_the_format_needs()
    {
        var writer = new AllureResultsWriter(_dir);
        writer.WriteEnvironment([new("Amanda version", "3.5.1"), new("Run", "22:00 to 22:10")]);
        File.ReadAllText(Path.Combine(_dir, "environment.properties")).ShouldBe("Amanda\\ version=3.5.1\nRun=22\\:00 to 22\\:10\n");
    }
}
