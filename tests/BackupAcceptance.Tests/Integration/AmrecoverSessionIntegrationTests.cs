using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Walking;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Integration;

/// <summary>The session helper against the real amrecover and the demo fixture.</summary>
[Category("Integration")]
public sealed class AmrecoverSessionIntegrationTests
{
    private static readonly AmrecoverOptions Options = new();

    [OneTimeSetUp]
    public void RequireAmanda() => RealAmanda.Require();

    private static Task<AmrecoverSession> StartAsync(string config = RealAmanda.Config, string host = RealAmanda.Host) =>
        AmrecoverSession.StartAsync(Options, config, host, CancellationToken.None);

    [Test]
    public async Task Starts_and_reaches_the_index_server()
    {
        await using var session = await StartAsync();
        session.Banner.ShouldContain("AMANDA index server (3.5.1) ready.");
        session.Banner.ShouldContain("200 Dump host set to localhost.");
    }

    [Test]
    public async Task An_unknown_config_is_a_typed_error_with_amandas_words()
    {
        var error = await Should.ThrowAsync<AmandaReplyException>(() => StartAsync(config: "nosuchconfig"));
        error.Kind.ShouldBe(AmandaErrorKind.UnknownConfig);
        error.Reply.ShouldContain("501 Could not read config file for nosuchconfig!");
    }

    [Test]
    public async Task An_unknown_host_is_a_typed_error()
    {
        var error = await Should.ThrowAsync<AmandaReplyException>(() => StartAsync(host: "nosuchhost"));
        error.Kind.ShouldBe(AmandaErrorKind.UnknownHost);
        error.Reply.ShouldContain("501 Host nosuchhost is not in your disklist.");
    }

    [Test]
    public async Task An_unknown_disk_and_a_never_dumped_disk_are_told_apart()
    {
        await using var session = await StartAsync();
        var unknown = await Should.ThrowAsync<AmandaReplyException>(() => session.SetDiskAsync("/nonexistent", CancellationToken.None));
        unknown.Kind.ShouldBe(AmandaErrorKind.UnknownDisk);

        var never = await Should.ThrowAsync<AmandaReplyException>(() => session.SetDiskAsync(RealAmanda.Disk("notdumped"), CancellationToken.None));
        never.Kind.ShouldBe(AmandaErrorKind.NoDump);
        never.Reply.ShouldContain("500 No dumps available on or before date");

        // The same session goes on working after refusals.
        await session.SetDiskAsync("/etc", CancellationToken.None);
        (await session.ListAsync(CancellationToken.None)).Files.ShouldNotBeEmpty();
    }

    [Test]
    public async Task Empty_and_hollow_disks_list_as_what_they_are()
    {
        await using var session = await StartAsync();
        await session.SetDiskAsync(RealAmanda.Disk("empty"), CancellationToken.None);
        var empty = await session.ListAsync(CancellationToken.None);
        empty.IsEmpty.ShouldBeTrue();
        empty.DumpDate.ShouldNotBeNull();

        await session.SetDiskAsync(RealAmanda.Disk("hollow"), CancellationToken.None);
        var hollow = await session.ListAsync(CancellationToken.None);
        hollow.Files.ShouldBeEmpty();
        hollow.Directories.Select(d => d.Name.Display).Order().ShouldBe(["a", "d", "f"]);
    }

    [Test]
    public async Task Walking_the_odd_names_tree_enters_every_directory_and_counts_exactly_what_find_counts()
    {
        var live = FoundTree.Read(RealAmanda.Disk("oddnames"));
        await using var session = await StartAsync();
        await session.SetDiskAsync(RealAmanda.Disk("oddnames"), CancellationToken.None);

        var files = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in new DiskWalker(session, RealAmanda.Disk("oddnames")).WalkAsync(CancellationToken.None))
            (entry.IsDirectory ? directories : files).Add(entry.Path.ToString());

        files.Count.ShouldBe(live.Files.Count);
        directories.Count.ShouldBe(live.Directories.Count);
        // Every name comes back exactly, TAB and doubled backslashes included.
        directories.ShouldBe(live.Directories, ignoreOrder: true);
        files.ShouldBe(live.Files, ignoreOrder: true);
    }
}
