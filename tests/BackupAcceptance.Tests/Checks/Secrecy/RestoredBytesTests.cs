using System.Text;
using BackupAcceptance.Core.DataChecks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks.Secrecy;

/// <summary>A data check's output is shown only when no run of 8 bytes of it is in the restored data.</summary>
public sealed class RestoredBytesTests
{
    private string _file = "";

    [SetUp]
    public void Write()
    {
        _file = Path.GetTempFileName();
        File.WriteAllText(_file, "prefix " + new string('z', 70_000) + " the secret is hunter2hunter2 and more\n");
    }

    [TearDown]
    public void Remove() => File.Delete(_file);

    private Task<RestoredBytes.Verdict> Scan(string output, long budget = 1 << 30) =>
        RestoredBytes.QuotedInAsync(Encoding.UTF8.GetBytes(output), [Encoding.UTF8.GetBytes(_file)], budget, CancellationToken.None);

    [Test]
    public async Task Output_quoting_eight_bytes_of_the_data_is_caught_wherever_they_are()
    {
        (await Scan("gzip: ok\nline: hunter2h\n")).ShouldBe(RestoredBytes.Verdict.Quoted);
        (await Scan("and more\n")).ShouldBe(RestoredBytes.Verdict.Quoted, "across the file's end");
        (await Scan("prefix z")).ShouldBe(RestoredBytes.Verdict.Quoted, "at the file's start");
    }

    [Test]
    public async Task Output_of_its_own_words_is_clean()
    {
        (await Scan("gzip: /tmp/check/x.gz: invalid compressed data--format violated\n")).ShouldBe(RestoredBytes.Verdict.Clean);
        (await Scan("hunter2")).ShouldBe(RestoredBytes.Verdict.Clean, "shorter than a run");
        (await Scan("")).ShouldBe(RestoredBytes.Verdict.Clean);
    }

    [Test]
    public async Task Data_beyond_the_budget_cannot_prove_output_clean()
    {
        (await Scan("nothing of it here", budget: 1000)).ShouldBe(RestoredBytes.Verdict.TooMuchToScan);
    }
}
