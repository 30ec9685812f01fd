using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>When the suite's pick of a dump and the dump amrecover shows differ, the suite is at fault, never the
/// backup, and the message names both dumps.</summary>
public sealed class DumpPickTests
{
    private static readonly DumpRecord[] History =
    [
        new(DumpDate.Parse("2026-12-06-13-09-01"), 0, "ba-daily", "ba-daily-03", 1),
        new(DumpDate.Parse("2026-12-06-13-08-49"), 0, "ba-daily", "ba-daily-02", 1),
    ];

    private static async Task<T> WithLeaseAsync<T>(Func<SessionLease, T> use)
    {
        var marker = "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12];
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", marker), "ba-daily", "localhost", CancellationToken.None);
        await using var pool = new SessionPool(new AmrecoverOptions());
        return use(new SessionLease(pool, new BackupTarget("ba-daily", "localhost", "/srv/fixtures/big"), session));
    }

    [Test]
    public async Task A_different_dump_than_amrecover_shows_is_a_suite_defect_naming_both()
    {
        var error = await WithLeaseAsync(lease =>
            Should.Throw<ExpectationFailedException>(() => DumpPick.Chain(lease, History, DumpDate.Parse("2026-12-06-13-08-49"))));

        error.Category.ShouldBe(FailureCategory.SuiteDefect);
        error.Category.IsBackupDefect().ShouldBeFalse();
        error.Message.ShouldContain("the suite picked the dump of 2026-12-06-13-09-01");
        error.Message.ShouldContain("amrecover shows the dump of 2026-12-06-13-08-49");
    }

    [Test]
    public async Task The_same_dump_passes_with_its_chain() =>
        (await WithLeaseAsync(lease => DumpPick.Chain(lease, History, DumpDate.Parse("2026-12-06-13-09-01"))))
            .Select(d => d.Date.ToString()).ShouldBe(["2026-12-06-13-09-01"]);

    [Test]
    public async Task No_dump_picked_while_amrecover_shows_one_is_a_suite_defect_too()
    {
        var error = await WithLeaseAsync(lease =>
            Should.Throw<ExpectationFailedException>(() => DumpPick.RequireAgreement(lease, [], DumpDate.Parse("2026-12-06-13-08-49"))));
        error.Category.ShouldBe(FailureCategory.SuiteDefect);
        error.Message.ShouldContain("the suite picked no dump");
    }
}
