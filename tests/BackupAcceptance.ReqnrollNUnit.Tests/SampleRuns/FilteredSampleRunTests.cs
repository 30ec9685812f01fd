using BackupAcceptance.ReqnrollNUnit.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.ReqnrollNUnit.Tests.SampleRuns;

/// <summary>
/// Runs the samples once more with a category filter: Gherkin tags must select exactly their scenarios,
/// whether the tag is on the scenario or on an Examples block.
/// </summary>
[Category("OutOfProcess")]
public sealed class FilteredSampleRunTests
{
    private ScratchDirectory? _results;
    private SampleRun _run = null!;

    [OneTimeSetUp]
    public async Task RunSmokeSamplesAsync()
    {
        _results = new ScratchDirectory();
        _run = await SampleProject.TestAsync(_results.Path, "TestCategory=smoke", TestContext.CurrentContext.CancellationToken);
    }

    [OneTimeTearDown]
    public void DeleteResults() => _results?.Dispose();

    [Test]
    public void A_tag_filter_selects_exactly_the_tagged_scenarios_and_example_rows()
    {
        _run.Results.Select(result => result.FullName).Order(StringComparer.Ordinal).ShouldBe(
        [
            SampleRun.FixtureNamespace + "NightlyBackupFeature.AFullBackupCopiesEveryFile",
            SampleRun.FixtureNamespace + "NightlyBackupFeature.AnIncrementalBackupCopiesOnlyChangedFiles_Examples2_Row1",
        ], ignoreOrder: false, customMessage: _run.Output);
    }

    [Test]
    public void The_selected_scenarios_pass_and_so_does_the_run()
    {
        _run.Results.ShouldAllBe(result => result.Outcome == "Passed");
        _run.ExitCode.ShouldBe(0, _run.Output);
    }
}
