using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using CliWrap;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// The amrecover process and its three pipes: started through CliWrap with <c>PAGER</c> (see <see cref="AmrecoverOptions.Pager"/>) and <c>TERM=xterm</c>,
/// lines written to stdin through a queue, stdout handed over chunk by chunk as it arrives, stderr collected.
/// Killing takes the whole process group (amrecover runs under setsid: amandad, the Amanda servers and the pager it
/// forked are in it), or the process tree where setsid is not used.
/// </summary>
internal sealed partial class AmrecoverProcess(AmrecoverOptions options, string config, string host) : IAsyncDisposable
{
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _stderr = new();
    private readonly Lock _stderrLock = new();
    private readonly CancellationTokenSource _forceKill = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CommandTask<CommandResult>? _process;
    private long _lastStderrTicks = Environment.TickCount64;

    public int? ProcessId => _process?.ProcessId;

    /// <summary>Completes when stdout closes: amrecover exited, crashed or was killed.</summary>
    public Task StdoutClosed => _stdoutClosed.Task;

    public bool HasExited => _process is { Task.IsCompleted: true } || _stdoutClosed.Task.IsCompleted;

    public string Executable => options.CommandPrefix.Count > 0 ? options.CommandPrefix[0] : options.AmrecoverPath;

    private const string Setsid = "/usr/bin/setsid";

    /// <summary>The command line as a person would type it, for messages.</summary>
    public string Describe() => $"amrecover {string.Join(' ', CommandLine().Arguments)}";

    /// <summary>Starts the process; <paramref name="onStdout"/> gets each chunk of stdout, on the reader's thread.</summary>
    public void Start(Action<ReadOnlySpan<byte>> onStdout)
    {
        var (target, arguments) = CommandLine();
        // setsid: amrecover and the servers it forks get a session of their own, so a Ctrl-C at the terminal reaches
        // the suite, which ends them in order, instead of killing them mid-command (then every failure would read as
        // Amanda's). setsid execs in place when its caller leads no process group, as here: the pid stays amrecover's.
        // It cannot say "not found" as clearly as a failed start, so a missing program is caught before.
        if (options.OwnSession)
        {
            // Resolved here: setsid would look a relative path up from amrecover's working directory, /proc.
            (target, arguments) = (Setsid, [Path.GetFullPath(ExecutableSearch.Require(target)), .. arguments]);
        }
        _process = Cli.Wrap(target)
            .WithArguments(arguments)
            // amrecover guesses a disk from its working directory at start and browses it (guess_disk): from /proc,
            // which no disklist holds, it browses nothing until told, so the index audit always comes first.
            .WithWorkingDirectory("/proc")
            // PAGER: ls goes through popen($PAGER); a missing pager swallows every listing. TERM: readline echoes
            // long lines as horizontal-scroll garbage when TERM is unset or dumb.
            .WithEnvironmentVariables(env => env.Set("PAGER", options.Pager).Set("TERM", "xterm"))
            .WithStandardInputPipe(PipeSource.Create(PumpStdinAsync))
            .WithStandardOutputPipe(PipeTarget.Create((stdout, token) => ReadStdoutAsync(stdout, onStdout, token)))
            .WithStandardErrorPipe(PipeTarget.Create(ReadStderrAsync))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_forceKill.Token);
    }

    public ValueTask WriteLineAsync(string line, CancellationToken cancellationToken) =>
        _stdin.Writer.WriteAsync(Encoding.Latin1.GetBytes(line + "\n"), cancellationToken);

    /// <summary>Whether stderr said anything since the last <see cref="TakeStderr"/> (tests wait for a late complaint).</summary>
    internal bool HasStderr
    {
        get
        {
            lock (_stderrLock) return _stderr.Length > 0;
        }
    }

    /// <summary>Everything stderr said since the last call.</summary>
    public string TakeStderr()
    {
        lock (_stderrLock)
        {
            var text = _stderr.ToString();
            _stderr.Clear();
            return text;
        }
    }

    /// <summary>Waits until stderr has said nothing for <paramref name="quiet"/>, or <paramref name="atMost"/> passed.</summary>
    public async Task StderrQuietAsync(TimeSpan quiet, TimeSpan atMost, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)atMost.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            var silentFor = Environment.TickCount64 - Interlocked.Read(ref _lastStderrTicks);
            if (silentFor >= quiet.TotalMilliseconds) return;
            await Task.Delay(TimeSpan.FromMilliseconds(quiet.TotalMilliseconds - silentFor), cancellationToken);
        }
    }

    /// <summary>The exit code once the process ended (killing it if it does not end within 10 s), or null.</summary>
    public async Task<int?> WaitForExitCodeAsync()
    {
        if (_process is null) return null;
        try
        {
            return (await _process.Task.WaitAsync(TimeSpan.FromSeconds(10))).ExitCode;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>Kills amrecover and its children (amandad and the Amanda server processes it forked).</summary>
    public async Task KillAsync()
    {
        if (_process is { } process && !process.Task.IsCompleted)
        {
            // Kill before closing stdin: end of input at extract's last question crashes amrecover 3.5.1.
            try
            {
                if (!options.OwnSession || !ProcessGroup.Kill(process.ProcessId))
                {
                    using var native = Process.GetProcessById(process.ProcessId);
                    native.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        _stdin.Writer.TryComplete();
        if (_process is not { } running) return;
        await _forceKill.CancelAsync();
        try
        {
            await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Killed: CliWrap reports the forced cancellation; nothing else to wait for.
        }
    }

    /// <summary>Quits politely when it can (<c>quit</c>, then end of input), and kills whatever still runs after a grace period.</summary>
    public async Task QuitAsync(bool canSpeak)
    {
        if (_process is not { } process || process.Task.IsCompleted) return;
        if (canSpeak) _stdin.Writer.TryWrite("quit\n"u8.ToArray());
        _stdin.Writer.TryComplete();
        try
        {
            await process.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stdin.Writer.TryComplete();
        _forceKill.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>What finds a run's processes after a crash (the run's watchdog reads it from /proc/PID/environ).</summary>
    internal const string RunIdVariable = "BACKUP_ACCEPTANCE_RUN_ID";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9./-]+\z")]
    private static partial System.Text.RegularExpressions.Regex RunIdWord();

    /// <summary>The words after the prefix that set amrecover's environment: <c>env PAGER=... TERM=xterm</c>, and
    /// the run's id when it has one (sudo drops it, and the watchdog would not find amrecover).</summary>
    /// <exception cref="ArgumentException">The run's id holds more than letters, digits, '.', '/' and '-'.</exception>
    internal IReadOnlyList<string> EnvWords(string? runId)
    {
        if (runId is { Length: > 0 } && !RunIdWord().IsMatch(runId))
            throw new ArgumentException($"{RunIdVariable} may hold only letters, digits, '.', '/' and '-', not {runId.ReplaceLineEndings(" ")}");
        return ["env", $"PAGER={options.Pager}", "TERM=xterm", .. runId is { Length: > 0 } ? new[] { $"{RunIdVariable}={runId}" } : []];
    }

    private (string Target, IReadOnlyList<string> Arguments) CommandLine() => CommandLine(Environment.GetEnvironmentVariable(RunIdVariable));

    /// <summary>The program and its words, with the given run id in the env words after a prefix.</summary>
    internal (string Target, IReadOnlyList<string> Arguments) CommandLine(string? runId)
    {
        var arguments = new List<string>();
        // sudo resets the environment: pass PAGER, TERM and the run's id through env on the far side of the prefix.
        if (options.CommandPrefix.Count > 0)
            arguments.AddRange(options.CommandPrefix.Skip(1).Concat(EnvWords(runId)).Append(options.AmrecoverPath));
        // No word starting with '-' ever: amrecover reads a first argument "-o..." or "-s..." as an option (it ran the
        // default config, or asked another index server) and does not honour "--" (WordRules).
        arguments.Add(WordRules.RequireArgument(config, "config"));
        if (host.Length > 0) arguments.AddRange(["-h", WordRules.RequireArgument(host, "host")]); // none: amrecover guesses, then waits for sethost
        if (options.IndexServer is { } index) arguments.AddRange(["-s", WordRules.RequireArgument(index, "index server")]);
        if (options.TapeServer is { } tape) arguments.AddRange(["-t", WordRules.RequireArgument(tape, "tape server")]);
        return (Executable, arguments);
    }

    private async Task PumpStdinAsync(Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in _stdin.Reader.ReadAllAsync(cancellationToken))
            {
                await stdin.WriteAsync(line, cancellationToken);
                await stdin.FlushAsync(cancellationToken);
            }
        }
        catch (IOException)
        {
            // amrecover closed its stdin (it exited); the stdout side reports that.
        }
    }

    private async Task ReadStdoutAsync(Stream stdout, Action<ReadOnlySpan<byte>> onStdout, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer, cancellationToken)) > 0)
                onStdout(buffer.AsSpan(0, read));
        }
        finally
        {
            _stdoutClosed.TrySetResult();
        }
    }

    private async Task ReadStderrAsync(Stream stderr, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await stderr.ReadAsync(buffer, cancellationToken)) > 0)
        {
            lock (_stderrLock) _stderr.Append(Encoding.Latin1.GetString(buffer, 0, read));
            Interlocked.Exchange(ref _lastStderrTicks, Environment.TickCount64);
        }
    }
}
