using NUnit.Framework;

namespace BackupAcceptance.Tests.Support;

/// <summary>The demo restic repository that provision/restic-demo.sh builds beside the demo Amanda. Like
/// <see cref="RealAmanda"/>: missing, the tests that need it are skipped, unless BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1.</summary>
internal static class ResticDemo
{
    public const string Home = "/var/lib/backup-acceptance/restic-demo";
    public const string Repository = Home + "/repo";
    public const string PasswordFile = Home + "/password";

    /// <summary>What the suite needs to open the demo repository: restic's own variable, never a feature file's word.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["RESTIC_PASSWORD_FILE"] = PasswordFile };

    public static void Require()
    {
        RealAmanda.Require();
        if (File.Exists(PasswordFile) && Directory.Exists(Repository)) return;
        const string missing = "the demo restic repository is not provisioned (run provision/restic-demo.sh)";
        if (RealAmanda.Required) Assert.Fail($"BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 but {missing}.");
        Assert.Ignore(missing);
    }
}
