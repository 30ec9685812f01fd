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
}
