using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using CliWrap;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// One long-lived amrecover process, driven through pipes the way a person drives it at a terminal. Starting one
/// costs about a second (a fixed sleep inside Amanda), so a session is meant to serve many commands. Commands run
/// one at a time; each waits for amrecover's prompt with a timeout, and on timeout or cancellation the whole
/// process tree (amrecover, amandad, amindexd, amidxtaped) is killed.
/// </summary>
public sealed class AmrecoverSession : IAsyncDisposable
{
    private readonly AmrecoverOptions _options;
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PromptFramer _framer = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new(); // guards the framer, the pending frame and stderr
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);
    private readonly CancellationTokenSource _forceKill = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<Frame>? _pending;
    private CommandTask<CommandResult>? _process;
    private volatile bool _broken;

    private AmrecoverSession(AmrecoverOptions options, string config, string host)
    {
        _options = options;
        Config = config;
        Host = host;
        Transcript = new Transcript(options.TranscriptCapacity);
    }

    public string Config { get; }

    public string Host { get; }

    public Transcript Transcript { get; }

    /// <summary>What amrecover printed before its first prompt (version, index server, working date, config, host).</summary>
    public string Banner { get; private set; } = "";

    public int? ProcessId => _process?.ProcessId;

    /// <summary>False once the process died or was killed: a pool must not hand this session out again.</summary>
    public bool IsUsable => !_broken && !_stdoutClosed.Task.IsCompleted;

    /// <summary>Starts <c>amrecover CONFIG -h HOST</c> and waits for its first prompt. An empty host starts it
    /// without <c>-h</c>, for browsing the configuration (<c>listhost</c>, then <c>sethost</c>).</summary>
    /// <exception cref="AmrecoverStartException">amrecover is missing, not run as root, or cannot reach its server.</exception>
    /// <exception cref="AmandaReplyException">The configuration or host is unknown to the index server.</exception>
    public static async Task<AmrecoverSession> StartAsync(AmrecoverOptions options, string config, string host, CancellationToken cancellationToken)
    {
        var session = new AmrecoverSession(options, config, host);
        try
        {
            await session.StartProcessAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command line and returns its output once the prompt is back.</summary>
    /// <param name="allowGluedPrompt">The output may end without a newline (only <c>setdate</c> errors do).</param>
    /// <param name="acceptQuestions">The reply may end at one of extract's questions instead of the prompt.</param>
    /// <param name="timeout">Overrides <see cref="AmrecoverOptions.CommandTimeout"/> for this command.</param>
    public async Task<CommandReply> SendAsync(string command, CancellationToken cancellationToken, bool allowGluedPrompt = false,
        bool acceptQuestions = false, TimeSpan? timeout = null)
    {
        AmrecoverArgument.RefuseControlCharacters(command);
        return await ExchangeAsync(command, echoed: true, allowGluedPrompt, acceptQuestions, timeout ?? _options.CommandTimeout, cancellationToken);
    }

    /// <summary>Answers one of extract's questions. Answers are read without readline, so they are not echoed.</summary>
    public async Task<CommandReply> AnswerAsync(string answer, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        AmrecoverArgument.RefuseControlCharacters(answer);
        return await ExchangeAsync(answer, echoed: false, allowGluedPrompt: false, acceptQuestions: true,
            timeout ?? _options.CommandTimeout, cancellationToken);
    }

    /// <summary>Kills the process tree now, without a word to amrecover: for answers that must never be given
    /// (a <c>n</c> at extract's last question crashes amrecover 3.5.1). The session is unusable afterwards.</summary>
    public Task AbortAsync() => KillAsync();

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var (target, arguments) = CommandLine();
        var command = Cli.Wrap(target)
            .WithArguments(arguments)
            // PAGER: ls goes through popen($PAGER); a missing pager swallows every listing. TERM: readline echoes
            // long lines as horizontal-scroll garbage when TERM is unset or dumb.
            .WithEnvironmentVariables(env => env.Set("PAGER", "cat").Set("TERM", "xterm"))
            .WithStandardInputPipe(PipeSource.Create(PumpStdinAsync))
            .WithStandardOutputPipe(PipeTarget.Create(ReadStdoutAsync))
            .WithStandardErrorPipe(PipeTarget.Create(ReadStderrAsync))
            .WithValidation(CommandResultValidation.None);

        var reply = await ExchangeAsync(null, echoed: false, allowGluedPrompt: false, acceptQuestions: false, _options.StartTimeout,
            cancellationToken, start: () => _process = command.ExecuteAsync(_forceKill.Token));
        Banner = reply.Text;
        if (AmandaReplies.FindRefusal(reply) is { } refusal &&
            (refusal == AmandaErrorKind.UnknownConfig || (refusal == AmandaErrorKind.UnknownHost && Host.Length > 0)))
            throw new AmandaReplyException(refusal, $"amrecover {string.Join(' ', arguments)}", reply.Text.Trim(), Transcript.Tail());

        // Lossless listings: names in the index's escaped form (printable ASCII) instead of translated bytes, in
        // which a TAB shows as 't'. amrecover notes "Directory must be set before getting listing" but switches.
        await SendAsync("settranslate off", cancellationToken);
    }

    private (string Target, IReadOnlyList<string> Arguments) CommandLine()
    {
        var arguments = new List<string>();
        // sudo resets the environment: pass PAGER and TERM through env on the far side of the prefix.
        if (_options.CommandPrefix.Count > 0)
            arguments.AddRange(_options.CommandPrefix.Skip(1).Concat(["env", "PAGER=cat", "TERM=xterm", _options.AmrecoverPath]));
        arguments.Add(Config);
        if (Host.Length > 0) arguments.AddRange(["-h", Host]); // none: amrecover guesses, then waits for sethost
        if (_options.IndexServer is { } index) arguments.AddRange(["-s", index]);
        if (_options.TapeServer is { } tape) arguments.AddRange(["-t", tape]);
        var target = _options.CommandPrefix.Count > 0 ? _options.CommandPrefix[0] : _options.AmrecoverPath;
        return (target, arguments);
    }

    /// <summary>One round trip: arm the framer, send (or start), wait for the frame, record it in the transcript.</summary>
    private async Task<CommandReply> ExchangeAsync(string? command, bool echoed, bool allowGluedPrompt, bool acceptQuestions,
        TimeSpan timeout, CancellationToken cancellationToken, Action? start = null)
    {
        await _oneCommandAtATime.WaitAsync(cancellationToken);
        try
        {
            if (start is null && !IsUsable)
            {
                // It died between commands (killed from outside, crashed) or was killed by an earlier timeout.
                var exitCode = _process is { Task.IsCompleted: true } || _stdoutClosed.Task.IsCompleted ? await WaitForExitCodeAsync() : null;
                throw new AmrecoverExitedException(
                    $"amrecover ({Config}, host {Host}) is no longer running (exit code {exitCode?.ToString() ?? "?"}); " +
                    $"'{Transcript.Utf8(command ?? "")}' was not sent.", Transcript.Tail(), exitCode);
            }

            var pending = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _framer.Expect(echoed, allowGluedPrompt, acceptQuestions);
                _pending = pending;
            }
            var at = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            if (start is not null) Launch(start);
            else await _stdin.Writer.WriteAsync(Encoding.Latin1.GetBytes(command + "\n"), cancellationToken);

            var what = command is null ? "start-up" : $"'{Transcript.Utf8(command)}'";
            var frame = await WaitForFrameAsync(pending, timeout, what, cancellationToken, () =>
                Transcript.Add(new TranscriptEntry(at, Display(command), PendingText() + "\n(no prompt)", TakeStderr(), clock.Elapsed)));
            var reply = new CommandReply(command ?? "", frame.Output, TakeStderr(), clock.Elapsed, frame.End);
            Transcript.Add(new TranscriptEntry(at, Display(command), Transcript.Utf8(reply.Output), Transcript.Utf8(reply.Stderr), reply.Duration));
            return reply;
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
    }

    private void Launch(Action start)
    {
        try
        {
            start();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _broken = true;
            throw new AmrecoverStartException(
                $"Cannot start '{CommandLine().Target}': {ex.Message} Is amanda-client installed? " +
                "BACKUP_ACCEPTANCE_AMRECOVER sets the path to amrecover.", Transcript.Tail(), ex);
        }
    }

    private async Task<Frame> WaitForFrameAsync(TaskCompletionSource<Frame> pending, TimeSpan timeout, string what,
        CancellationToken cancellationToken, Action recordFailure)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await Task.WhenAny(pending.Task, _stdoutClosed.Task).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            recordFailure();
            await KillAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new AmrecoverTimeoutException(
                $"amrecover ({Config}, host {Host}) gave no prompt within {timeout.TotalSeconds:0.#} s after {what}; " +
                "its process tree was killed.", Transcript.Tail());
        }
        if (pending.Task.IsCompletedSuccessfully) return await pending.Task;

        // stdout closed before a prompt: amrecover exited or crashed.
        _broken = true;
        var exitCode = await WaitForExitCodeAsync();
        recordFailure();
        var stderr = Transcript.Entries.LastOrDefault()?.Stderr.Trim();
        var said = string.IsNullOrEmpty(stderr) ? "" : $" It said: {stderr}";
        var message = $"amrecover ({Config}, host {Host}) exited with code {exitCode?.ToString() ?? "?"} during {what}.{said}";
        throw what == "start-up"
            ? new AmrecoverStartException(message, Transcript.Tail())
            : new AmrecoverExitedException(message, Transcript.Tail(), exitCode);
    }

    private async Task<int?> WaitForExitCodeAsync()
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

    private async Task ReadStdoutAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer, cancellationToken)) > 0)
            {
                lock (_lock)
                {
                    _framer.Append(buffer.AsSpan(0, read));
                    if (_pending is { } pending && _framer.TryTake() is { } frame)
                    {
                        _pending = null;
                        pending.TrySetResult(frame);
                    }
                }
            }
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
            lock (_lock) _stderr.Append(Encoding.Latin1.GetString(buffer, 0, read));
    }

    private string TakeStderr()
    {
        lock (_lock)
        {
            var text = _stderr.ToString();
            _stderr.Clear();
            return text;
        }
    }

    private string PendingText()
    {
        lock (_lock) return Transcript.Utf8(_framer.Pending);
    }

    private static string? Display(string? command) => command is null ? null : Transcript.Utf8(command);

    /// <summary>Kills amrecover and its children (amandad and the Amanda server processes it forked).</summary>
    private async Task KillAsync()
    {
        _broken = true;
        if (_process is { } process && !process.Task.IsCompleted)
        {
            // Kill before closing stdin: end of input at extract's last question crashes amrecover 3.5.1.
            try
            {
                using var native = Process.GetProcessById(process.ProcessId);
                native.Kill(entireProcessTree: true);
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

    /// <summary>Quits politely (<c>quit</c>, then end of input), and kills whatever is still running after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process && !process.Task.IsCompleted)
        {
            if (IsUsable) _stdin.Writer.TryWrite("quit\n"u8.ToArray());
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
        _broken = true;
        _stdin.Writer.TryComplete();
        _forceKill.Dispose();
        _oneCommandAtATime.Dispose();
    }
}
