using BackupAcceptance.Amanda.Restoring;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>amidxtaped's reason is taken only from a log of the same config, host, disk and dump, written lately.</summary>
public sealed class TapeServerLogTests
{
    private string _root = "";

    [SetUp]
    public void Folder() => _root = Directory.CreateTempSubdirectory("tapeserverlog-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    // The lines of a real log of a refused restore (daily-net before its storage was defined), shortened.
    private static string Log(string disk, string stamp, string reason) => string.Join('\n',
        "Sat Dec 05 14:07:24.070000000 2026: pid 1: thd-0x1: amidxtaped: CTL << CONFIG=daily-net",
        "Sat Dec 05 14:07:24.071000000 2026: pid 1: thd-0x1: amidxtaped: CTL << HOST=^localhost$",
        $"Sat Dec 05 14:07:24.072000000 2026: pid 1: thd-0x1: amidxtaped: CTL << DISK=^{disk}$",
        $"Sat Dec 05 14:07:24.073000000 2026: pid 1: thd-0x1: amidxtaped: CTL << DATESTAMP={stamp}",
        "Sat Dec 05 14:07:24.079173927 2026: pid 1: thd-0x1: amidxtaped: new Amanda::Changer::Error: type='fatal', message='Storage 'vtapes' not found'",
        $"Sat Dec 05 14:07:24.102290690 2026: pid 1: thd-0x1: amidxtaped: /usr/lib/x86_64-linux-gnu/amanda/perl/Amanda/Restore.pm:2174:error:4900068 {reason}",
        "");

    private void Write(string config, string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(_root, config));
        File.WriteAllText(Path.Combine(_root, config, name), text);
    }

    [Test]
    public void The_last_error_of_the_matching_log_is_the_reason()
    {
        Write("daily-net", "amidxtaped.20261205140724.debug", Log(@"/srv/fixtures/odd\ names", "20261205065015", "Storage 'daily' not found"));
        TapeServerLog.LastError("daily-net", "localhost", "/srv/fixtures/odd names", "20261205065015", DateTime.UtcNow.AddMinutes(-1), _root)
            .ShouldBe("Storage 'daily' not found");
    }

    [TestCase("daily", "localhost", "/srv/fixtures/oddnames", "20261205065015")] // another config
    [TestCase("daily-net", "otherhost", "/srv/fixtures/oddnames", "20261205065015")]
    [TestCase("daily-net", "localhost", "/srv/fixtures/other", "20261205065015")]
    [TestCase("daily-net", "localhost", "/srv/fixtures/oddnames", "20261204065015")] // another dump
    public void A_log_of_another_restore_says_nothing(string config, string host, string disk, string stamp)
    {
        Write("daily-net", "amidxtaped.20261205140724.debug", Log("/srv/fixtures/oddnames", "20261205065015", "Storage 'daily' not found"));
        TapeServerLog.LastError(config, host, disk, stamp, DateTime.UtcNow.AddMinutes(-1), _root).ShouldBeNull();
    }

    [Test]
    public void An_old_log_says_nothing()
    {
        Write("daily-net", "amidxtaped.20261205140724.debug", Log("/srv/fixtures/oddnames", "20261205065015", "Storage 'daily' not found"));
        File.SetLastWriteTimeUtc(Path.Combine(_root, "daily-net", "amidxtaped.20261205140724.debug"), DateTime.UtcNow.AddHours(-1));
        TapeServerLog.LastError("daily-net", "localhost", "/srv/fixtures/oddnames", null, DateTime.UtcNow.AddMinutes(-15), _root).ShouldBeNull();
    }

    [Test]
    public void No_log_folder_says_nothing() =>
        TapeServerLog.LastError("nosuch", "localhost", "/x", null, DateTime.UtcNow.AddMinutes(-1), _root).ShouldBeNull();
}
