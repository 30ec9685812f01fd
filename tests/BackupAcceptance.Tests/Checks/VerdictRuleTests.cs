using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Drivers;
using NUnit.Framework;
using Reqnroll;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>The rules that decide pass or fail without amrecover, at their bounds, so that a mutated comparison dies.</summary>
public sealed class VerdictRuleTests
{
    private static readonly BackupTarget Target = new("ba-daily", "localhost", "/srv/x");
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0);

    [TestCase(26.0, true)]
    [TestCase(25.99, true)]
    [TestCase(26.01, false)]
    public void A_dump_exactly_as_old_as_allowed_is_fresh(double hoursOld, bool fresh) =>
        FreshnessCheck.IsFresh(new DumpDate(Now.AddHours(-hoursOld)), TimeSpan.FromHours(26), Now).ShouldBe(fresh);

    private static SampleResult Sample(int seen, Estimate files, int listed = 5, int probes = SampleResult.MinimumProbesForBound) =>
        new(7, probes, listed, seen, files, Estimate.Counted(listed), [], [], TimeSpan.Zero);

    [Test]
    public void A_sample_that_saw_enough_files_passes_whatever_its_estimate() =>
        Should.NotThrow(() => SampleCheck.RequireEstimatedFiles(Target, Sample(10, new Estimate(3, 100, false)), 10, ""));

    [Test]
    public void A_sample_whose_lower_bound_reaches_the_minimum_passes() =>
        Should.NotThrow(() => SampleCheck.RequireEstimatedFiles(Target, Sample(4, new Estimate(1000, 10, false)), 990, ""));

    [Test]
    public void A_sample_whose_lower_bound_falls_one_short_fails()
    {
        var failure = Should.Throw<ExpectationFailedException>(() =>
            SampleCheck.RequireEstimatedFiles(Target, Sample(4, new Estimate(1000, 10, false)), 991, ""));
        failure.Category.ShouldBe(FailureCategory.TooFewFiles);
        failure.Found.ShouldContain("an estimated ≈1,000 ± 10 (95%) files, at least 990 (the sample saw 4 files in 5 directories, seed 7)");
    }

    [Test]
    public void A_complete_sample_without_files_is_a_hollow_backup()
    {
        var failure = Should.Throw<ExpectationFailedException>(() =>
            SampleCheck.RequireEstimatedFiles(Target, Sample(0, Estimate.Counted(0), listed: 7), 1, ""));
        failure.Message.ShouldStartWith("Hollow backup: ba-daily localhost:/srv/x");
        failure.Found.ShouldBe("0 files in 7 directories (every directory was listed)");
    }

    [Test] // review: the sample did not list every directory, so it cannot say there is no file anywhere
    public void An_incomplete_sample_without_files_is_too_few_files_not_hollow()
    {
        var failure = Should.Throw<ExpectationFailedException>(() =>
            SampleCheck.RequireEstimatedFiles(Target, Sample(0, new Estimate(0, 0, false), listed: 5), 1, ""));
        failure.Category.ShouldBe(FailureCategory.TooFewFiles);
    }

    [TestCase(new[] { FailureCategory.AmandaUnreachable, FailureCategory.HollowBackup }, FailureCategory.HollowBackup)]
    [TestCase(new[] { FailureCategory.RestoreFailed, FailureCategory.TooFewFiles, FailureCategory.StaleBackup }, FailureCategory.StaleBackup)]
    [TestCase(new[] { FailureCategory.InputError, FailureCategory.AmandaUnreachable }, FailureCategory.AmandaUnreachable)]
    public void An_estate_is_failed_by_any_bad_backup_before_broken_by_any_unreachable_disk(FailureCategory[] categories, FailureCategory worst) =>
        EstateCheck.Worst(categories).ShouldBe(worst); // review: one unreachable disk hid hollow disks as a broken run

    [Test]
    public void Too_few_probes_vouch_only_for_the_files_seen()
    {
        Sample(4, new Estimate(1000, 10, false), probes: SampleResult.MinimumProbesForBound - 1).LowerBound.ShouldBe(4);
        Sample(4, new Estimate(1000, 10, false), probes: SampleResult.MinimumProbesForBound).LowerBound.ShouldBe(990);
    }

    [Test]
    public void An_unbounded_estimate_vouches_only_for_the_files_seen() =>
        Sample(3, new Estimate(50, double.PositiveInfinity, false)).LowerBound.ShouldBe(3);

    [Test]
    public void A_table_must_start_with_its_path_header()
    {
        PathTable.HeaderProblem(new DataTable("no-such-file.txt")).ShouldNotBeNull();

        var good = new DataTable(" Path ");
        good.AddRow(" passwd ");
        PathTable.HeaderProblem(good).ShouldBeNull();
        PathTable.Rows(good).ShouldBe(["passwd"]);
    }

    [Test]
    public void A_table_with_a_second_column_is_refused() =>
        PathTable.HeaderProblem(new DataTable("path", "note")).ShouldNotBeNull();

    [TestCase(0, 1, 10, false)]
    [TestCase(1, 1, 10, true)]
    [TestCase(10, 1, 10, true)]
    [TestCase(11, 1, 10, false)]
    [TestCase(-1, 0, 10, false)]
    public void Step_numbers_hold_their_documented_range(int value, int minimum, int maximum, bool accepted)
    {
        if (accepted) StepInput.Require(Target, value, minimum, maximum, "a number").ShouldBe(value);
        else Should.Throw<ExpectationFailedException>(() => StepInput.Require(Target, value, minimum, maximum, "a number"))
            .Message.ShouldBe($"Input error: ba-daily localhost:/srv/x (no dump selected): expected a number from {minimum} to {maximum} in the step; found {value}.");
    }

    private static ListingEntry Directory(string indexName) =>
        new(new DumpDate(Now), new RawName(TarEscaping.Unescape(indexName)), indexName, true);

    [TestCase("/quote'dir", "\\303\\274dir", true)]
    [TestCase("/quote'dir", "back\\\\slash", true)]
    [TestCase("/quote'dir", "plain", false)]
    [TestCase("/a/b`c/d", "tab\\there", true)]
    [TestCase("/plain", "\\303\\274dir", false)]
    public void Only_escaped_names_below_a_hostile_path_are_a_known_gap(string parent, string indexName, bool gap) =>
        GlobHostilePaths.CannotEnter(RawPath.Parse(parent), Directory(indexName)).ShouldBe(gap);
}
