using BackupAcceptance.Amanda.Catalogue;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

public sealed class RecoveryLimitsTests
{
    private string _root = "";

    [SetUp]
    public void MakeRoot()
    {
        _root = Directory.CreateTempSubdirectory("ba-limits-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "conf"));
    }

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_root, "conf", name), text);

    private Task<string?> FindAsync() => RecoveryLimits.FindAsync("conf", CancellationToken.None, _root);

    [Test]
    public async Task A_configuration_without_one_has_none()
    {
        Write("amanda.conf", "org \"demo\"\n# recovery-limit same-host   (a comment says nothing)\ndefine dumptype gtar-local { program \"GNUTAR\" }\n");
        Write("disklist", "localhost /etc gtar-local\n");
        (await FindAsync()).ShouldBeNull();
    }

    [TestCase("amanda.conf", "recovery-limit same-host\n")]
    [TestCase("amanda.conf", "define dumptype limited {\n    RECOVERY_LIMIT \"admin.example.com\"\n}\n")]
    [TestCase("disklist", "localhost /etc {\n  gtar-local\n  recovery-limit same-host\n}\n")]
    [TestCase("extra.conf", "recovery-limit \"backup-admin\"\n")]
    public async Task One_anywhere_in_the_configuration_is_found(string file, string text)
    {
        Write("amanda.conf", "includefile \"extra.conf\"\n");
        Write("extra.conf", "");
        Write("disklist", "localhost /etc gtar-local\n");
        Write(file, (file == "amanda.conf" ? "includefile \"extra.conf\"\n" : "") + text);
        (await FindAsync()).ShouldBe($"{Path.Combine(_root, "conf", file)} sets a recovery-limit");
    }

    [Test]
    public async Task The_disklist_named_by_diskfile_is_read()
    {
        Write("amanda.conf", "diskfile \"other-disklist\"\n");
        Write("other-disklist", "localhost /etc { gtar-local\n recovery-limit same-host\n }\n");
        (await FindAsync())!.ShouldContain("other-disklist sets a recovery-limit");
    }

    [Test]
    public async Task A_file_that_cannot_be_read_rules_nothing_out()
    {
        Write("amanda.conf", "includefile \"missing.conf\"\n");
        (await FindAsync())!.ShouldContain("missing.conf could not be read to rule a recovery-limit out");
    }
}
