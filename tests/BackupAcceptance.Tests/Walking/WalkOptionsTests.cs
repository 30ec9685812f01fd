using BackupAcceptance.Amanda.Walking;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Walking;

public sealed class WalkOptionsTests
{
    private static readonly WalkOptions Options = new();

    [TestCase(0, 0, 0.0)]
    [TestCase(300, 1_000, 0.5)]    // directories are the larger share
    [TestCase(60, 8_000, 0.8)]     // entries are: a few huge directories
    [TestCase(600, 0, 1.0)]
    [TestCase(10, 10_000, 1.0)]
    public void A_session_is_spent_by_whichever_of_directories_and_entries_runs_out_first(int directories, int entries, double spent) =>
        Options.Spent(directories, entries).ShouldBe(spent, 1e-9);

    [TestCase(null, 3)]
    [TestCase("1", 1)]
    [TestCase(" 16 ", 16)]
    public void Sessions_come_from_the_environment(string? value, int sessions) =>
        WalkOptions.FromEnvironment(name => name == "BACKUP_ACCEPTANCE_WALK_SESSIONS" ? value : null).Sessions.ShouldBe(sessions);

    [TestCase("0")]
    [TestCase("17")]
    [TestCase("three")]
    public void A_number_of_sessions_out_of_range_is_an_error(string value) =>
        Should.Throw<ArgumentException>(() => WalkOptions.FromEnvironment(name => name == "BACKUP_ACCEPTANCE_WALK_SESSIONS" ? value : null))
            .Message.ShouldContain("BACKUP_ACCEPTANCE_WALK_SESSIONS");
}
