using System.Globalization;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>
/// amrecover as a client on another machine runs it: config ba-daily-net reaches amandad over TCP port 10080 with auth
/// "bsdtcp" (inetd), and is served the same dumps as ba-daily. The scenario-level controls over the network are in
/// Controls/network.feature; these check the wire and the amrecover-only walk.
/// </summary>
[Category("Integration")]
public sealed class NetworkClientIntegrationTests
{
    private const int AmandaPort = 10080;

    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.RequireNetwork();

    [Test]
    public async Task The_network_config_talks_to_amandad_over_tcp_and_the_local_one_does_not()
    {
        await using var network = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.NetConfig, RealAmanda.Host, CancellationToken.None);
        await using var local = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);

        TcpPeersOf(network.ProcessId!.Value).ShouldContain(AmandaPort, "amrecover ba-daily-net holds a TCP connection to port 10080");
        TcpPeersOf(local.ProcessId!.Value).ShouldNotContain(AmandaPort, "amrecover ba-daily (auth local) talks over pipes");
    }

    [Test]
    public async Task The_network_config_lists_the_same_dump_as_the_local_one()
    {
        var disk = RealAmanda.Disk("oddnames");
        await using var network = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.NetConfig, RealAmanda.Host, CancellationToken.None);
        await using var local = await AmrecoverSession.StartAsync(new AmrecoverOptions(), RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
        await network.SetDiskAsync(disk, CancellationToken.None);
        await local.SetDiskAsync(disk, CancellationToken.None);

        var overTcp = (await network.ListAsync(CancellationToken.None)).Entries.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        var overPipes = (await local.ListAsync(CancellationToken.None)).Entries.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();

        overTcp.ShouldNotBeEmpty();
        overTcp.ShouldBe(overPipes);
    }

    [Test]
    [Category("Slow")] // walks 2,000 directories over bsdtcp: CI runs it (./run.sh test --all)
    public async Task A_walk_through_amrecover_alone_over_bsdtcp_counts_the_big_disk_exactly()
    {
        var disk = RealAmanda.Disk("big");
        var options = new AmrecoverOptions();
        await using var session = await AmrecoverSession.StartAsync(options, RealAmanda.NetConfig, RealAmanda.Host, CancellationToken.None);
        var walker = new SharedQueueWalker(session, disk, token => AmrecoverSession.StartAsync(options, RealAmanda.NetConfig, RealAmanda.Host, token),
            new WalkOptions());
        int files = 0, directories = 0;
        await foreach (var entry in walker.WalkAsync(CancellationToken.None))
            if (entry.IsDirectory) directories++; else files++;

        (files, directories).ShouldBe((20_000, 2_000));
    }

    /// <summary>Remote ports of the process's TCP sockets, from /proc: its socket inodes matched in /proc/net/tcp{,6}.</summary>
    private static HashSet<int> TcpPeersOf(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                inodes.Add(target["socket:[".Length..^1]);
        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && inodes.Contains(fields[9]))
                    ports.Add(int.Parse(fields[2].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        return ports;
    }
}
