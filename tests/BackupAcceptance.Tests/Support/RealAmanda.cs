using NUnit.Framework;

namespace BackupAcceptance.Tests.Support;

/// <summary>
/// The demo Amanda that provision/amanda-demo.sh builds. Tests that need it call <see cref="Require"/>: without it
/// they are skipped with the reason, unless BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 (what ./run.sh test and CI set),
/// where a missing Amanda is a failure, so a green CI run can never mean "nothing was checked".
/// </summary>
internal static class RealAmanda
{
    public const string Config = "ba-daily";

    /// <summary>The same dumps served over auth "bsdtcp" by amandad under inetd (provision/lib/network.sh).</summary>
    public const string NetConfig = "ba-daily-net";
    public const string Host = "localhost";
    public const string FixtureRoot = "/srv/fixtures";

    public static string Disk(string fixture) => $"{FixtureRoot}/{fixture}";

    public static bool Required => Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_REQUIRE_AMANDA") == "1";

    public static void Require()
    {
        var missing = Missing();
        if (missing is null) return;
        if (Required) Assert.Fail($"BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 but {missing}.");
        Assert.Ignore($"{missing}; set BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 to make this a failure.");
    }

    /// <summary>The site-like schedule (provision/nightly.sh): incremental chains, exclusions, split, compressed,
    /// encrypted, amgtar and holding-disk dumps.</summary>
    public const string NightlyConfig = "ba-nightly";

    /// <summary><see cref="Require"/>, and the ba-nightly configuration too.</summary>
    public static void RequireNightly()
    {
        Require();
        if (File.Exists($"/etc/amanda/{NightlyConfig}/amanda.conf")) return;
        var missing = $"the configuration {NightlyConfig} is not provisioned (run provision/amanda-demo.sh)";
        if (Required) Assert.Fail($"BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 but {missing}.");
        Assert.Ignore(missing);
    }

    /// <summary><see cref="Require"/>, and the network configuration too.</summary>
    public static void RequireNetwork()
    {
        Require();
        if (File.Exists($"/etc/amanda/{NetConfig}/amanda-client.conf")) return;
        var missing = $"the network configuration {NetConfig} is not provisioned (run provision/amanda-demo.sh)";
        if (Required) Assert.Fail($"BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 but {missing}.");
        Assert.Ignore(missing);
    }

    private static string? Missing()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
            .Any(dir => File.Exists(Path.Combine(dir, "amrecover")));
        if (!onPath) return "amrecover is not installed";
        if (Environment.UserName != "root") return $"amrecover must run as root, and these tests run as {Environment.UserName}";
        if (!File.Exists($"/etc/amanda/{Config}/disklist") || !Directory.Exists(Disk("oddnames")))
            return "the demo Amanda is not provisioned (run provision/amanda-demo.sh or ./run.sh demo)";
        return null;
    }
}
