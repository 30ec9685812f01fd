using System.Security.Cryptography;
using BackupAcceptance.Tests.Support;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// The demo runs where the suite runs: on a site's Amanda server. Its provisioning writes only what it made
/// (provision/lib/ownership.sh): a site's configuration (here one called daily, as sites call theirs), the host's
/// amanda-client.conf and an /etc/amandahosts someone edited come through byte-identical, and a name the site already
/// uses is refused before anything is written.
/// </summary>
[TestFixture, Category("Integration"), NonParallelizable]
[Category("WholeRun")] // the whole program under a fault: CI runs it (./run.sh test --all; docs/tests.md)
public class DemoSafetyIntegrationTests
{
    private static readonly string Demo = Path.Combine(Repository.Root, "provision", "amanda-demo.sh");
    private const string ClientConf = "/etc/amanda/amanda-client.conf";
    private const string AmandaHosts = "/etc/amandahosts";

    [SetUp]
    public void NeedsAmanda() => RealAmanda.Require();

    [Test]
    public async Task A_configuration_the_demo_did_not_make_is_refused_before_anything_is_written()
    {
        var name = $"site-{Guid.NewGuid():N}"[..13];
        var etc = $"/etc/amanda/{name}";
        try
        {
            Directory.CreateDirectory(etc);
            await File.WriteAllTextAsync($"{etc}/amanda.conf", "org \"a site\"\n");
            await File.WriteAllTextAsync($"{etc}/disklist", "localhost /home user-tar\n");
            var before = Fingerprint(etc);

            var run = await ProvisionAsync(("AMANDA_CONFIG", name));

            run.ExitCode.ShouldNotBe(0, run.StandardError);
            run.StandardError.ShouldContain($"refusing to touch Amanda configuration '{name}': {etc} exists and the demo did not make it");
            run.StandardError.ShouldContain("nothing was written");
            Fingerprint(etc).ShouldBe(before, "the site's configuration folder is byte-identical, with no marker added");
            Directory.Exists($"/var/lib/amanda/{name}").ShouldBeFalse("no state folder was made for the refused name");
            Directory.Exists($"/srv/amanda/vtapes/{name}").ShouldBeFalse("no vtapes were made for the refused name");
        }
        finally
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    [Test]
    public async Task A_sites_own_daily_configuration_and_client_file_come_through_a_whole_provisioning_byte_identical()
    {
        // A site's files beside the demo's: a configuration named daily and the host's client file. Planted where this
        // machine has none; where it has them (a real server, an older demo), they are the ones watched.
        var planted = new List<string>();
        if (!Directory.Exists("/etc/amanda/daily"))
        {
            Directory.CreateDirectory("/etc/amanda/daily");
            await File.WriteAllTextAsync("/etc/amanda/daily/amanda.conf", "org \"the site's daily\"\n");
            planted.Add("/etc/amanda/daily");
        }
        if (!File.Exists(ClientConf))
        {
            await File.WriteAllTextAsync(ClientConf, "conf \"daily\"\nindex_server \"backup.example.org\"\nauth \"bsdtcp\"\n");
            // Readable by Amanda's user, as a site's is: amandad reads it before any configuration's own.
            File.SetUnixFileMode(ClientConf, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            planted.Add(ClientConf);
        }
        try
        {
            var daily = Fingerprint("/etc/amanda/daily");
            var client = Fingerprint(ClientConf);

            var run = await ProvisionAsync();

            run.ExitCode.ShouldBe(0, run.StandardError);
            Fingerprint("/etc/amanda/daily").ShouldBe(daily, "the site's daily configuration is untouched");
            Fingerprint(ClientConf).ShouldBe(client, "the host's amanda-client.conf is untouched");
            File.Exists($"/etc/amanda/{RealAmanda.Config}/amanda-client.conf").ShouldBeTrue("the demo's client settings live in its own folder");
            File.Exists($"/etc/amanda/{RealAmanda.Config}/.backup-acceptance-demo").ShouldBeTrue("the demo marks what it made");
        }
        finally
        {
            foreach (var path in planted)
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
        }
    }

    [Test]
    public async Task An_amandahosts_someone_edited_is_never_rewritten()
    {
        var original = await File.ReadAllBytesAsync(AmandaHosts);
        try
        {
            // A site's own access file that lacks the root line the demo's bsdtcp configuration needs.
            await File.WriteAllTextAsync(AmandaHosts, "localhost backup amdump\nclient1.example.org backup amdump\n");
            var edited = await File.ReadAllBytesAsync(AmandaHosts);

            var run = await ProvisionAsync();

            run.ExitCode.ShouldNotBe(0, run.StandardOutput);
            run.StandardError.ShouldContain($"refusing to edit {AmandaHosts}: it is not the file the amanda-common package shipped");
            run.StandardError.ShouldContain("'localhost root amindexd amidxtaped'");
            (await File.ReadAllBytesAsync(AmandaHosts)).ShouldBe(edited, "the edited file is left as it was");
        }
        finally
        {
            await File.WriteAllBytesAsync(AmandaHosts, original);
        }
    }

    /// <summary>The demo's provisioning, outside the test run's scope (the daemons it may start are not the run's).</summary>
    private static async Task<BufferedCommandResult> ProvisionAsync(params (string Name, string Value)[] environment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var words = new List<string> { "-u", "BACKUP_ACCEPTANCE_RUN_ID" };
        words.AddRange(environment.Select(e => $"{e.Name}={e.Value}"));
        words.AddRange(["bash", Demo]);
        return await Cli.Wrap("env").WithArguments(words).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>Every file under PATH (or PATH itself) with its mode and SHA-256.</summary>
    private static string Fingerprint(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [path];
        return string.Join("\n", files.Select(f => new FileInfo(f) is { Exists: true } info && info.LinkTarget is null
            ? $"{f} {info.UnixFileMode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"
            : $"{f} {(Directory.Exists(f) ? "dir" : "link")}"));
    }
}
