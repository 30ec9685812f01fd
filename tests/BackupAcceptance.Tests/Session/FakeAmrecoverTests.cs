using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Session;

/// <summary>Edge cases the real amrecover cannot be made to show on demand, against a scripted fake.</summary>
public sealed class FakeAmrecoverTests
{
    private static string NewMarker() => "fake-amrecover-child-" + Guid.NewGuid().ToString("N")[..12];

    [Test]
    public async Task Commands_are_framed_even_when_output_arrives_in_pieces()
    {
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", NewMarker()), "ba-daily", "localhost", CancellationToken.None);
        session.Banner.ShouldContain("220 fake AMANDA index server");

        var slow = await session.SendAsync("slow-ls", CancellationToken.None);
        var listing = ListingParser.Parse(slow.Output);
        listing.Entries.Select(e => e.ToString()).ShouldBe(["amrecover> x/", "a.txt"]);

        var ls = await session.ListAsync(CancellationToken.None);
        ls.Entries.Count.ShouldBe(2);
        session.Transcript.Count.ShouldBe(4); // start-up, settranslate off, 2 commands
    }

    [Test]
    public async Task A_hanging_command_times_out_and_leaves_no_process_behind()
    {
        var marker = NewMarker();
        var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", marker, timeoutSeconds: 1), "ba-daily", "localhost", CancellationToken.None);
        var pid = session.ProcessId!.Value;
        var started = DateTime.UtcNow;

        var error = await Should.ThrowAsync<AmrecoverTimeoutException>(() => session.SendAsync("hang", CancellationToken.None));

        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(8));
        error.Message.ShouldContain("gave no prompt within 1 s after 'hang'");
        error.TranscriptTail.ShouldContain("amrecover> hang");
        session.IsUsable.ShouldBeFalse();
        ProcessTable.IsAlive(pid).ShouldBeFalse();
        ProcessTable.LivingWithCommandLine(marker).ShouldBeEmpty();
        await session.DisposeAsync();
    }

    [Test]
    public async Task A_stalled_extract_fails_at_the_extract_timeout_and_leaves_no_process_behind()
    {
        var marker = NewMarker();
        var options = FakeAmrecover.Options("normal", marker, timeoutSeconds: 30) with { ExtractTimeout = TimeSpan.FromSeconds(1) };
        var session = await AmrecoverSession.StartAsync(options, "ba-daily", "localhost", CancellationToken.None);
        new BackupAcceptance.Amanda.Restoring.Restorer(session, "/disk").ExtractTimeout.ShouldBe(TimeSpan.FromSeconds(1));
        var area = Directory.CreateTempSubdirectory("ba-fake-extract-").FullName;
        try
        {
            await session.SendAsync($"lcd {area}", CancellationToken.None);
            var started = DateTime.UtcNow;

            var error = await Should.ThrowAsync<AmrecoverTimeoutException>(() =>
                BackupAcceptance.Amanda.Restoring.ExtractCommands.ExtractAsync(session, area, CancellationToken.None, options.ExtractTimeout));

            (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10), "the 30 s command timeout does not apply to an extract");
            error.Message.ShouldContain("within 1 s");
            ProcessTable.LivingWithCommandLine(marker).ShouldBeEmpty();
        }
        finally
        {
            await session.DisposeAsync();
            Directory.Delete(area, recursive: true);
        }
    }

    [Test]
    public async Task A_stalled_extract_fails_at_the_stall_bound_long_before_the_extract_timeout()
    {
        var marker = NewMarker();
        var options = FakeAmrecover.Options("normal", marker, timeoutSeconds: 30) with
        {
            ExtractTimeout = TimeSpan.FromSeconds(60), ExtractStallTimeout = TimeSpan.FromSeconds(1),
        };
        var session = await AmrecoverSession.StartAsync(options, "ba-daily", "localhost", CancellationToken.None);
        var area = Directory.CreateTempSubdirectory("ba-fake-extract-").FullName;
        try
        {
            await session.SendAsync($"lcd {area}", CancellationToken.None);
            var started = DateTime.UtcNow;

            var error = await Should.ThrowAsync<AmrecoverTimeoutException>(() => BackupAcceptance.Amanda.Restoring.ExtractCommands.ExtractAsync(
                session, area, CancellationToken.None, options.ExtractTimeout, options.ExtractStallTimeout));

            (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10), "the stall is caught, not the 60 s bound");
            error.Message.ShouldContain("read no data for 1 s during extract (BACKUP_ACCEPTANCE_EXTRACT_STALL)");
            ProcessTable.LivingWithCommandLine(marker).ShouldBeEmpty();
        }
        finally
        {
            await session.DisposeAsync();
            Directory.Delete(area, recursive: true);
        }
    }

    [Test]
    public async Task Cancellation_kills_the_process_tree_too()
    {
        var marker = NewMarker();
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", marker, timeoutSeconds: 30), "ba-daily", "localhost", CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(() => session.SendAsync("hang", cancel.Token));

        ProcessTable.LivingWithCommandLine(marker).ShouldBeEmpty();
        session.IsUsable.ShouldBeFalse();
    }

    [Test]
    public async Task A_crash_is_reported_with_its_exit_code()
    {
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", NewMarker()), "ba-daily", "localhost", CancellationToken.None);

        var error = await Should.ThrowAsync<AmrecoverExitedException>(() => session.SendAsync("crash", CancellationToken.None));

        error.ExitCode.ShouldBe(128 + 11); // SIGSEGV
        error.Message.ShouldContain("during 'crash'");
        session.IsUsable.ShouldBeFalse();
        await Should.ThrowAsync<AmrecoverExitedException>(() => session.SendAsync("ls", CancellationToken.None));
    }

    [Test]
    public async Task A_start_up_refusal_carries_amrecovers_own_words()
    {
        var error = await Should.ThrowAsync<AmrecoverStartException>(() =>
            AmrecoverSession.StartAsync(FakeAmrecover.Options("notroot", NewMarker()), "ba-daily", "localhost", CancellationToken.None));

        error.Message.ShouldContain("must be executed as the \"root\" user");
        error.Message.ShouldContain("exited with code 1");
    }

    [Test]
    public async Task A_start_that_never_prompts_times_out_and_is_killed()
    {
        var marker = NewMarker();
        await Should.ThrowAsync<AmrecoverTimeoutException>(() =>
            AmrecoverSession.StartAsync(FakeAmrecover.Options("hang-at-start", marker, timeoutSeconds: 1), "ba-daily", "localhost", CancellationToken.None));
        ProcessTable.LivingWithCommandLine(marker).ShouldBeEmpty();
    }

    [Test]
    public async Task A_missing_amrecover_is_a_clear_start_error()
    {
        var options = new AmrecoverOptions { AmrecoverPath = "/nonexistent/amrecover" };
        var error = await Should.ThrowAsync<AmrecoverStartException>(() =>
            AmrecoverSession.StartAsync(options, "ba-daily", "localhost", CancellationToken.None));
        error.Message.ShouldContain("/nonexistent/amrecover");
        error.Message.ShouldContain("BACKUP_ACCEPTANCE_AMRECOVER");
    }

    [Test]
    public async Task A_control_character_is_never_sent()
    {
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", NewMarker()), "ba-daily", "localhost", CancellationToken.None);
        Should.Throw<ArgumentException>(() => session.SendAsync("ls\nquit", CancellationToken.None));
        session.Transcript.Count.ShouldBe(2); // start-up and settranslate off only
        (await session.SendAsync("ls", CancellationToken.None)).Output.ShouldContain("README.txt");
    }

    [Test]
    public async Task Disposal_quits_politely()
    {
        var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("normal", NewMarker()), "ba-daily", "localhost", CancellationToken.None);
        var pid = session.ProcessId!.Value;
        await session.DisposeAsync();
        ProcessTable.IsAlive(pid).ShouldBeFalse();
    }

    [Test]
    public async Task A_listing_with_nothing_at_all_is_an_unreadable_index_never_an_empty_directory()
    {
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("no-index", NewMarker()), "ba-daily", "localhost", CancellationToken.None);

        var error = await Should.ThrowAsync<AmandaReplyException>(() => session.ListAsync(CancellationToken.None));

        error.Kind.ShouldBe(AmandaErrorKind.IndexMissing);
        error.Message.ShouldContain("listed nothing, not even '.'");
    }

    [Test]
    public async Task A_setdisk_amrecover_does_not_confirm_is_refused_never_taken_for_the_disk()
    {
        await using var session = await AmrecoverSession.StartAsync(FakeAmrecover.Options("setdisk-unconfirmed", NewMarker()), "ba-daily", "localhost", CancellationToken.None);

        var error = await Should.ThrowAsync<AmandaReplyException>(() => session.SetDiskAsync("/etc", CancellationToken.None));

        error.Kind.ShouldBe(AmandaErrorKind.Rejected);
        error.Reply.ShouldContain("Disk change deferred by policy");
    }
}
