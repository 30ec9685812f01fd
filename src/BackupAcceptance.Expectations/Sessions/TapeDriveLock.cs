using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using BackupAcceptance.Amanda.Locking;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// One restore at a time per Amanda configuration on this host, across processes: its tape server has one drive (the
/// vtape changer too), and a second amidxtaped that finds it busy asks "Continue [?/Y/n/d]?" instead of waiting. So
/// parallel scenarios of one run, and parallel runs (shards, a second suite, a cron job) on one host, take turns.
/// In the process, a gate per configuration (no process polls against itself); across processes, an exclusive flock
/// on <c>tape-CONFIG.lock</c> in <see cref="LockFolder.Host"/>, which the kernel frees when its holder dies. flock
/// has no asynchronous wait, so the wait polls (<see cref="PollInterval"/>), bounded and cancellable.
/// </summary>
public sealed class TapeDriveLock(string folder)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>The host's lock folder, shared by every run on it.</summary>
    public static TapeDriveLock Host { get; } = new(LockFolder.Host);

    public string Folder => folder;

    /// <summary>How often a waiter tries the lock again: the most a turn may be late.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The lock file of <paramref name="config"/>: a name only (a config is one word, WordRules), bytes other
    /// than letters, digits, '.', '_' and '-' written as %XX all the same, so the name stays in the folder.</summary>
    public string PathOf(string config) => Path.Combine(folder, FileName(config));

    public static string FileName(string config)
    {
        var name = new StringBuilder("tape-");
        foreach (var b in Encoding.UTF8.GetBytes(config))
            name.Append(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-' ? (char)b : $"%{b:X2}");
        return name.Append(".lock").ToString();
    }

    /// <summary>Waits for <paramref name="config"/>'s tape drive, at most <paramref name="limit"/>; dispose the lease
    /// to give it back.</summary>
    /// <exception cref="TapeDriveUnavailableException">Still held after the limit (naming the holders), or the lock
    /// folder or file is one the suite may not rely on.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: nothing is held.</exception>
    public async Task<TapeDriveLease> AcquireAsync(string config, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(limit);
        var gate = _gates.GetOrAdd(config, _ => new SemaphoreSlim(1, 1));
        var holders = new List<string>();
        var inRun = !await gate.WaitAsync(TimeSpan.Zero, cancellationToken);
        if (inRun)
        {
            try
            {
                await gate.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TapeDriveUnavailableException(config, PathOf(config),
                    $"held by another scenario of this run for {limit.TotalSeconds:0} s");
            }
        }
        HostLockFile? file = null;
        try
        {
            // An unusable lock, whether found on opening or on locking (flock's own errors), is a failed restore that
            // names the file, never an exception the step cannot place.
            try
            {
                file = HostLockFile.Open(folder, FileName(config));
                while (!file.TryLock())
                {
                    // Each holder once, by its PID: its name may be gone by the next look (a process that just ended).
                    foreach (var holder in file.Holders())
                        if (!holders.Exists(h => h.Split(" (")[0] == holder.Split(" (")[0])) holders.Add(holder);
                    try
                    {
                        await Task.Delay(PollInterval, bound.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TapeDriveUnavailableException(config, file.Path,
                            $"held by {(holders.Count == 0 ? "another process" : string.Join(", then ", holders))} for {limit.TotalSeconds:0} s");
                    }
                }
            }
            catch (UnusableLockException unusable)
            {
                var reason = unusable.LockPath.EndsWith(FileName(config), StringComparison.Ordinal) ? $"it {unusable.Reason}" : unusable.Message;
                throw new TapeDriveUnavailableException(config, PathOf(config), reason, unusable);
            }
            return new TapeDriveLease(gate, file, new TapeDriveWait(config, file.Path, clock.Elapsed, inRun, holders));
        }
        catch
        {
            file?.Dispose();
            gate.Release();
            throw;
        }
    }
}
