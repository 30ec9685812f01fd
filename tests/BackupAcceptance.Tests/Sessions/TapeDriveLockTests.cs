using System.Diagnostics;
using BackupAcceptance.Amanda.Locking;
using BackupAcceptance.Expectations.Sessions;
using CliWrap;
using CliWrap.Buffered;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Sessions;

/// <summary>The tape drive's lock across processes: another process (util-linux's flock(1), as a shard or a shell
/// script would hold it) makes a restore wait, named by its PID; the wait ends when it lets go or dies, is bounded and
/// cancellable, and leaves nothing held. In a private lock folder, never the host's.</summary>
public sealed class TapeDriveLockTests
{
    private string _folder = "";
    private readonly List<Process> _holders = [];

    [SetUp]
    public void Create() => _folder = Path.Combine(Directory.CreateTempSubdirectory("ba-tape-lock-").FullName, "locks");

    [TearDown]
    public void Remove()
    {
        foreach (var holder in _holders.Where(h => !h.HasExited)) holder.Kill(entireProcessTree: true);
        foreach (var holder in _holders) holder.Dispose();
        _holders.Clear();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    private TapeDriveLock Lock() => new(_folder) { PollInterval = TimeSpan.FromMilliseconds(50) };

    /// <summary>flock(1) holding the config's lock file (made first, as a run would) until its sleep ends or it is killed.</summary>
    private async Task<Process> HoldAsync(string config, int seconds)
    {
        using (await Lock().AcquireAsync(config, TimeSpan.FromSeconds(5), CancellationToken.None)) { } // the folder and file, made
        var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", Lock().PathOf(config), "sleep", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        _holders.Add(holder);
        // Held once flock(1) -n cannot take it.
        for (var tries = 0; tries < 100 && await CanTakeAsync(config); tries++) await Task.Delay(50);
        (await CanTakeAsync(config)).ShouldBeFalse("the premise: flock(1) holds the lock");
        return holder;
    }

    private async Task<bool> CanTakeAsync(string config) =>
        (await Cli.Wrap("flock").WithArguments(["--nonblock", Lock().PathOf(config), "true"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync()).ExitCode == 0;

    [Test]
    public async Task A_restore_waits_while_another_process_holds_the_drive_and_names_it()
    {
        var holder = await HoldAsync("ba-daily", 2);

        using var lease = await Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(30), CancellationToken.None);

        holder.HasExited.ShouldBeTrue("the lock came when the holder let go, not before");
        lease.Wait.Waited.ShouldBeGreaterThan(TimeSpan.FromSeconds(1));
        lease.Wait.Holders.ShouldBe([$"PID {holder.Id} (flock)"]);
        lease.Wait.Note.ShouldStartWith("waited ");
        lease.Wait.Note.ShouldContain($" s for the tape drive of ba-daily held by PID {holder.Id} (flock) (lock {_folder}/tape-ba-daily.lock)");
        // Held now: another process cannot take it until the lease is disposed.
        (await CanTakeAsync("ba-daily")).ShouldBeFalse();
        lease.Dispose();
        (await CanTakeAsync("ba-daily")).ShouldBeTrue();
    }

    [Test]
    public async Task A_holder_that_dies_frees_the_drive()
    {
        var holder = await HoldAsync("ba-daily", 600);
        var waiting = Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(30), CancellationToken.None);
        await Task.Delay(300);
        waiting.IsCompleted.ShouldBeFalse();

        holder.Kill(entireProcessTree: true); // SIGKILL, to flock(1) and its sleep (which shares the lock): no unlock, the kernel frees it
        using var lease = await waiting;

        lease.Wait.Holders.ShouldBe([$"PID {holder.Id} (flock)"]);
    }

    [Test]
    public async Task A_cancelled_wait_holds_nothing_afterwards()
    {
        var holder = await HoldAsync("ba-daily", 600);
        var drives = Lock();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => drives.AcquireAsync("ba-daily", TimeSpan.FromSeconds(30), cancel.Token));

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        // Its sleep (which shares flock(1)'s lock) dies a moment later.
        var free = false;
        for (var tries = 0; tries < 40 && !(free = await CanTakeAsync("ba-daily")); tries++) await Task.Delay(50);
        free.ShouldBeTrue("the cancelled waiter left no lock held");
        var clock = Stopwatch.StartNew();
        using var lease = await drives.AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "nor its own gate");
        lease.Wait.Note.ShouldStartWith("took the tape drive of ba-daily at once");
    }

    [Test]
    public async Task A_wait_past_the_bound_fails_naming_the_holder()
    {
        var holder = await HoldAsync("ba-daily", 600);

        var refused = await Should.ThrowAsync<TapeDriveUnavailableException>(() => Lock().AcquireAsync("ba-daily", TimeSpan.FromMilliseconds(500), CancellationToken.None));

        refused.Message.ShouldBe($"the tape drive of ba-daily (lock {_folder}/tape-ba-daily.lock): held by PID {holder.Id} (flock) for 1 s");
    }

    [Test]
    public async Task Two_restores_of_one_run_take_turns_and_other_configs_do_not_wait()
    {
        var drives = Lock();
        var first = await drives.AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = drives.AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None);
        using (var other = await drives.AcquireAsync("ba-nightly", TimeSpan.FromSeconds(5), CancellationToken.None))
            other.Wait.Note.ShouldStartWith("took the tape drive of ba-nightly at once");
        await Task.Delay(200);
        second.IsCompleted.ShouldBeFalse();

        first.Dispose();
        using var lease = await second;

        lease.Wait.BehindThisRun.ShouldBeTrue();
        lease.Wait.Note.ShouldContain("for the tape drive of ba-daily held by another scenario of this run");
    }

    [Test]
    public async Task The_folder_is_made_sticky_for_every_user_and_the_file_readable_by_every_run()
    {
        using var lease = await Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None);

        File.GetUnixFileMode(_folder).ShouldBe((UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit); // 1777, as /tmp and /run/lock
        File.GetUnixFileMode(Lock().PathOf("ba-daily")).ShouldBe((UnixFileMode)0b110_100_100); // 0644
    }

    [Test]
    public async Task A_planted_link_is_refused_and_its_target_left_alone()
    {
        Directory.CreateDirectory(_folder);
        var target = Path.Combine(Path.GetDirectoryName(_folder)!, "precious");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(Lock().PathOf("ba-daily"), target);

        var refused = await Should.ThrowAsync<TapeDriveUnavailableException>(() => Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None));

        refused.Reason.ShouldBe("it is a symbolic link, which the suite never makes: remove it");
        File.ReadAllText(target).ShouldBe("keep");
    }

    [Test]
    public async Task Another_users_lock_file_is_refused_by_name()
    {
        Assume.That(Environment.UserName, Is.EqualTo("root"), "chown needs root");
        using (await Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None)) { }
        await Cli.Wrap("chown").WithArguments(["nobody", Lock().PathOf("ba-daily")]).ExecuteAsync();

        var refused = await Should.ThrowAsync<TapeDriveUnavailableException>(() => Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None));

        refused.Reason.ShouldStartWith("it (owner nobody (uid 65534), mode 0644) belongs to another user than root or this one, who could remove it while a restore holds it");
    }

    [Test]
    public async Task A_folder_anyone_may_write_without_the_sticky_bit_is_refused_by_name()
    {
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111); // 0777

        var refused = await Should.ThrowAsync<TapeDriveUnavailableException>(() => Lock().AcquireAsync("ba-daily", TimeSpan.FromSeconds(5), CancellationToken.None));

        refused.Reason.ShouldContain($"{_folder} (owner root (uid 0), mode 0777) is writable by its group or others and has no sticky bit");
    }

    [Test]
    public void A_config_name_stays_one_file_name_in_the_folder()
    {
        TapeDriveLock.FileName("ba-daily").ShouldBe("tape-ba-daily.lock");
        TapeDriveLock.FileName("../etc").ShouldBe("tape-..%2Fetc.lock");
        TapeDriveLock.FileName("nuit étoilée").ShouldBe("tape-nuit%20%C3%A9toil%C3%A9e.lock");
    }

    [Test]
    public void The_kernel_names_the_holder_and_not_the_waiters()
    {
        const string locks = """
            1: FLOCK  ADVISORY  WRITE 4242 fe:00:11715175 0 EOF
            1: -> FLOCK  ADVISORY  WRITE 4343 fe:00:11715175 0 EOF
            2: FLOCK  ADVISORY  READ 16180 fe:00:5353411 0 EOF
            3: POSIX  ADVISORY  WRITE 777 fe:00:11715175 0 EOF
            4: FLOCK  ADVISORY  WRITE 99 fe:01:11715175 0 EOF
            """;

        LockHolders.Of(locks, 0xfe, 0, 11715175).ShouldBe([4242]);
        LockHolders.Of(locks, 0xfe, 1, 11715175).ShouldBe([99]);
        LockHolders.Of(locks, 0xfe, 0, 1).ShouldBeEmpty();
    }
}
