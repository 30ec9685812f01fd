using BackupAcceptance.Amanda.Restoring;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

/// <summary>amidxtaped's reason is taken only from the newest log of the same config, host, disk and dump begun since
/// the extract was sent.</summary>
public sealed class TapeServerLogTests
{
    private string _root = "";

    [SetUp]
    public void Folder() => _root = Directory.CreateTempSubdirectory("tapeserverlog-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    // The lines of a real log of a refused restore (ba-daily-net before its storage was defined), shortened.
    private static string Named(DateTime began) => $"amidxtaped.{began:yyyyMMddHHmmss}.debug";

    private static readonly DateTime Sent = DateTime.Now.AddSeconds(-30);

    private static string Log(string disk, string stamp, string? reason) => string.Join('\n',
        "Sat Dec 05 14:07:24.070000000 2026: pid 1: thd-0x1: amidxtaped: CTL << CONFIG=ba-daily-net",
        "Sat Dec 05 14:07:24.071000000 2026: pid 1: thd-0x1: amidxtaped: CTL << HOST=^localhost$",
        $"Sat Dec 05 14:07:24.072000000 2026: pid 1: thd-0x1: amidxtaped: CTL << DISK=^{disk}$",
        $"Sat Dec 05 14:07:24.073000000 2026: pid 1: thd-0x1: amidxtaped: CTL << DATESTAMP={stamp}",
        "Sat Dec 05 14:07:24.079173927 2026: pid 1: thd-0x1: amidxtaped: new Amanda::Changer::Error: type='fatal', message='Storage 'vtapes' not found'",
        reason is null ? "Sat Dec 05 14:07:24.102290690 2026: pid 1: thd-0x1: amidxtaped: CTL >> HEADER-SEND-SIZE 499"
            : $"Sat Dec 05 14:07:24.102290690 2026: pid 1: thd-0x1: amidxtaped: /usr/lib/x86_64-linux-gnu/amanda/perl/Amanda/Restore.pm:2174:error:4900068 {reason}",
        "");

    private void Write(string config, string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(_root, config));
        File.WriteAllText(Path.Combine(_root, config, name), text);
    }

    [Test]
    public void The_last_error_of_the_matching_log_is_the_reason()
    {
        Write("ba-daily-net", Named(Sent.AddSeconds(1)), Log(@"/srv/fixtures/odd\ names", "20261205065015", "Storage 'ba-daily' not found"));
        TapeServerLog.LastError("ba-daily-net", "localhost", "/srv/fixtures/odd names", "20261205065015", Sent, _root)
            .ShouldBe("Storage 'ba-daily' not found");
    }

    [TestCase("ba-daily", "localhost", "/srv/fixtures/oddnames", "20261205065015")] // another config
    [TestCase("ba-daily-net", "otherhost", "/srv/fixtures/oddnames", "20261205065015")]
    [TestCase("ba-daily-net", "localhost", "/srv/fixtures/other", "20261205065015")]
    [TestCase("ba-daily-net", "localhost", "/srv/fixtures/oddnames", "20261204065015")] // another dump
    public void A_log_of_another_restore_says_nothing(string config, string host, string disk, string stamp)
    {
        Write("ba-daily-net", Named(Sent.AddSeconds(1)), Log("/srv/fixtures/oddnames", "20261205065015", "Storage 'ba-daily' not found"));
        TapeServerLog.LastError(config, host, disk, stamp, Sent, _root).ShouldBeNull();
    }

    [Test] // review: a refusal logged before this extract never explains it
    public void A_log_begun_before_the_extract_says_nothing()
    {
        Write("ba-daily-net", Named(Sent.AddMinutes(-10)), Log("/srv/fixtures/oddnames", "20261205065015", "Storage 'ba-daily' not found"));
        TapeServerLog.LastError("ba-daily-net", "localhost", "/srv/fixtures/oddnames", "20261205065015", Sent, _root).ShouldBeNull();
    }

    [Test] // review: the newest log of this restore logged no error (it crashed, or is still being written)
    public void Only_the_newest_log_of_the_restore_speaks()
    {
        Write("ba-daily-net", Named(Sent.AddSeconds(1)), Log("/srv/fixtures/oddnames", "20261205065015", "Storage 'ba-daily' not found"));
        Write("ba-daily-net", Named(Sent.AddSeconds(2)), Log("/srv/fixtures/oddnames", "20261205065015", null));
        TapeServerLog.LastError("ba-daily-net", "localhost", "/srv/fixtures/oddnames", "20261205065015", Sent, _root).ShouldBeNull();
    }

    [Test]
    public void No_log_folder_says_nothing() =>
        TapeServerLog.LastError("nosuch", "localhost", "/x", null, Sent, _root).ShouldBeNull();
}
