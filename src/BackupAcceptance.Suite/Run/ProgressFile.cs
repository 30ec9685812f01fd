using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// Once a second, the walks in flight (<see cref="WalkProgress.Line"/>) into the file BACKUP_ACCEPTANCE_PROGRESS names,
/// replaced whole each time; run.sh sets it when its output is a terminal and shows the line as it changes. The test
/// host's own output goes to a log, so this file is the only way a person sees a long walk move.
/// </summary>
public sealed class ProgressFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressFile(string path, WalkProgress progress)
    {
        _path = path;
        _loop = WriteAsync(progress, _stop.Token);
    }

    /// <returns>Null when no file is asked for.</returns>
    public static ProgressFile? Start(Func<string, string?> env, WalkProgress progress) =>
        env("BACKUP_ACCEPTANCE_PROGRESS") is { Length: > 0 } path ? new ProgressFile(Path.GetFullPath(path), progress) : null;

    private async Task WriteAsync(WalkProgress progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = "";
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var line = progress.Line();
                if (line == last) continue;
                var temporary = _path + ".tmp";
                await File.WriteAllTextAsync(temporary, line, cancellationToken);
                File.Move(temporary, _path, overwrite: true);
                last = line;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            // A progress line is a courtesy: a folder gone or read-only ends it, never the run.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // The results folder went first: nothing to tidy.
        }
    }
}
