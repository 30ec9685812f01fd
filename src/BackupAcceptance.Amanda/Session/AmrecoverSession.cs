using System.Diagnostics;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// One long-lived conversation with amrecover, driven through pipes the way a person drives it at a terminal.
/// Starting one costs about a second (a fixed sleep inside Amanda), so a session is meant to serve many commands.
/// Commands run one at a time; each waits for amrecover's prompt (<see cref="PromptFramer"/>) with a timeout, and on
/// timeout or cancellation the whole process tree is killed (<see cref="AmrecoverProcess"/>). The typed commands
/// (NavigationCommands, CatalogueCommands, ExtractCommands) are built on <see cref="SendAsync"/>.
/// </summary>
public sealed class AmrecoverSession : IAsyncDisposable
{
    private readonly AmrecoverOptions _options;
    private readonly AmrecoverProcess _process;
    private readonly PromptFramer _framer = new();
    private readonly Lock _lock = new(); // guards the framer and the pending frame
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);
    private TaskCompletionSource<Frame>? _pending;
    private volatile bool _broken;

    private AmrecoverSession(AmrecoverOptions options, string config, string host)
    {
        _options = options;
        _process = new AmrecoverProcess(options, config, host);
        Config = config;
        Host = host;
        Transcript = new Transcript(options.TranscriptCapacity);
    }

    public string Config { get; }

    /// <summary>How it was started, and the limits its commands run under.</summary>
    public AmrecoverOptions Options => _options;

    public string Host { get; internal set; }

    public Transcript Transcript { get; }

    /// <summary>What amrecover printed before its first prompt (version, index server, working date, config, host).</summary>
    public string Banner { get; private set; } = "";

    public int? ProcessId => _process.ProcessId;

    /// <summary>Lines sent to amrecover so far (commands and answers): whoever noted the number knows, while it is
    /// the same, that nothing has moved the session since (a pool's setdisk left it at a disk's root).</summary>
    public long LinesSent => Interlocked.Read(ref _linesSent);

    private long _linesSent;

    /// <summary>False once the process died or was killed: a pool must not hand this session out again.</summary>
    public bool IsUsable => !_broken && !_process.StdoutClosed.IsCompleted;

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
        ControlCharacters.Refuse(command, nameof(command));
        return await ExchangeAsync(command, echoed: true, allowGluedPrompt, acceptQuestions, timeout ?? _options.CommandTimeout, cancellationToken);
    }

    /// <summary>Sends every command before the first reply arrives and returns the replies in order. amrecover reads
    /// one line per prompt, so they run one after another exactly as if sent one by one, without waiting a round trip
    /// each (over bsdtcp a round trip is about 11 ms more). Only for commands whose output lines never start with the
    /// prompt's text (<c>ls</c>; <c>cd</c> to a plain path): see <see cref="PromptFramer.Expect"/>. Stderr goes with
    /// the reply during which it arrived, which may be a later one.</summary>
    public async Task<IReadOnlyList<CommandReply>> SendAllAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        foreach (var command in commands) ControlCharacters.Refuse(command, nameof(commands));
        if (commands.Count == 0) return [];
        await _oneCommandAtATime.WaitAsync(cancellationToken);
        using var waiting = _options.Time.Measure();
        try
        {
            await ThrowIfUnusableAsync(commands[0]);
            lock (_lock) _framer.Expect(echoed: true); // nothing is pending before the first command goes out
            Interlocked.Add(ref _linesSent, commands.Count);
            try
            {
                foreach (var command in commands) await _process.WriteLineAsync(command, cancellationToken);

                var replies = new List<CommandReply>(commands.Count);
                foreach (var command in commands)
                {
                    var pending = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
                    lock (_lock)
                    {
                        _framer.Expect(echoed: true, pipelined: true);
                        if (_framer.TryTake() is { } arrived) pending.TrySetResult(arrived); // it came while the previous reply was handled
                        else _pending = pending;
                    }
                    replies.Add(await ReceiveAsync(command, pending, DateTimeOffset.Now, Stopwatch.StartNew(), _options.CommandTimeout, cancellationToken));
                }
                return replies;
            }
            catch (OperationCanceledException)
            {
                // Commands already sent still run, and their replies would be read as the next borrower's (a pooled
                // session serves other disks): a session stopped mid-pipeline is never lent again.
                await KillAsync();
                throw;
            }
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
    }

    /// <summary>Answers one of extract's questions. Answers are read without readline, so they are not echoed.</summary>
    public async Task<CommandReply> AnswerAsync(string answer, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ControlCharacters.Refuse(answer, nameof(answer));
        return await ExchangeAsync(answer, echoed: false, allowGluedPrompt: false, acceptQuestions: true,
            timeout ?? _options.CommandTimeout, cancellationToken);
    }

    /// <summary>What stderr said since the last reply, now, without waiting: a new borrower of a pooled session takes it,
    /// so a late complaint of the previous one's extract is never read as a refusal of its own first command.</summary>
    public string TakePendingStderr() => _process.TakeStderr();

    /// <summary>Whether stderr said anything since the last reply (tests wait for a late complaint).</summary>
    internal bool HasPendingStderr => _process.HasStderr;

    /// <summary>What stderr says after the last reply, once it has been quiet for a moment (at most a second): a
    /// child's complaints (tar's) can arrive just after amrecover's prompt.</summary>
    public async Task<string> TakeLateStderrAsync(CancellationToken cancellationToken)
    {
        await _process.StderrQuietAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), cancellationToken);
        return _process.TakeStderr();
    }

    /// <summary>Kills the process tree now, without a word to amrecover: for answers that must never be given
    /// (a <c>n</c> at extract's last question crashes amrecover 3.5.1). The session is unusable afterwards.</summary>
    public Task AbortAsync() => KillAsync();

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(null, echoed: false, allowGluedPrompt: false, acceptQuestions: false, _options.StartTimeout,
            cancellationToken);
        Banner = reply.Text;
        if (AmandaReplies.FindRefusal(reply) is { } refusal &&
            (refusal == AmandaErrorKind.UnknownConfig || (refusal == AmandaErrorKind.UnknownHost && Host.Length > 0)))
            throw new AmandaReplyException(refusal, _process.Describe(), reply.Text.Trim(), Transcript.Tail());

        // Lossless listings: names in the index's escaped form (printable ASCII) instead of translated bytes, in
        // which a TAB shows as 't'. amrecover notes "Directory must be set before getting listing" but switches.
        await SendAsync("settranslate off", cancellationToken);
    }

    /// <summary>One round trip: arm the framer, send (or start, when <paramref name="command"/> is null), wait for the
    /// frame, record it in the transcript.</summary>
    private async Task<CommandReply> ExchangeAsync(string? command, bool echoed, bool allowGluedPrompt, bool acceptQuestions,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _oneCommandAtATime.WaitAsync(cancellationToken);
        using var waiting = _options.Time.Measure();
        try
        {
            if (command is not null) await ThrowIfUnusableAsync(command);
            Interlocked.Increment(ref _linesSent);

            var pending = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _framer.Expect(echoed, allowGluedPrompt, acceptQuestions);
                _pending = pending;
            }
            var at = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            if (command is null) Launch();
            else await _process.WriteLineAsync(command, cancellationToken);

            return await ReceiveAsync(command, pending, at, clock, timeout, cancellationToken);
        }
        finally
        {
            _oneCommandAtATime.Release();
        }
    }

    /// <summary>Waits for the frame that answers <paramref name="command"/> (null: the start-up) and records it.</summary>
    private async Task<CommandReply> ReceiveAsync(string? command, TaskCompletionSource<Frame> pending, DateTimeOffset at, Stopwatch clock,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = command is null ? "start-up" : $"'{Transcript.Utf8(command)}'";
        var frame = await WaitForFrameAsync(pending, timeout, what, cancellationToken, () =>
            Transcript.Add(new TranscriptEntry(at, Display(command), PendingText() + "\n(no prompt)", _process.TakeStderr(), clock.Elapsed)));
        var reply = new CommandReply(command ?? "", frame.Output, _process.TakeStderr(), clock.Elapsed, frame.End);
        Transcript.Add(new TranscriptEntry(at, Display(command), Transcript.Utf8(reply.Output), Transcript.Utf8(reply.Stderr), reply.Duration));
        return reply;
    }

    private async Task ThrowIfUnusableAsync(string command)
    {
        if (IsUsable) return;
        // It died between commands (killed from outside, crashed) or was killed by an earlier timeout.
        var exitCode = _process.HasExited ? await _process.WaitForExitCodeAsync() : null;
        throw new AmrecoverExitedException(
            $"amrecover ({Config}, host {Host}) is no longer running (exit code {exitCode?.ToString() ?? "?"}); " +
            $"'{Transcript.Utf8(command)}' was not sent.", Transcript.Tail(), exitCode);
    }

    private void Launch()
    {
        try
        {
            _process.Start(OnStdout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _broken = true;
            if (ex is ArgumentException) throw; // a word refused for the command line (WordRules): nothing was started
            throw new AmrecoverStartException(
                $"Cannot start '{_process.Executable}': {ex.Message} Is amanda-client installed? " +
                "BACKUP_ACCEPTANCE_AMRECOVER sets the path to amrecover.", Transcript.Tail(), ex);
        }
    }

    private void OnStdout(ReadOnlySpan<byte> chunk)
    {
        lock (_lock)
        {
            _framer.Append(chunk);
            if (_pending is { } pending && _framer.TryTake() is { } frame)
            {
                _pending = null;
                pending.TrySetResult(frame);
            }
        }
    }

    private async Task<Frame> WaitForFrameAsync(TaskCompletionSource<Frame> pending, TimeSpan timeout, string what,
        CancellationToken cancellationToken, Action recordFailure)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await Task.WhenAny(pending.Task, _process.StdoutClosed).WaitAsync(deadline.Token);
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
        var exitCode = await _process.WaitForExitCodeAsync();
        recordFailure();
        var stderr = Transcript.Entries.LastOrDefault()?.Stderr.Trim();
        var said = string.IsNullOrEmpty(stderr) ? "" : $" It said: {stderr}";
        var message = $"amrecover ({Config}, host {Host}) exited with code {exitCode?.ToString() ?? "?"} during {what}.{said}";
        throw what == "start-up"
            ? new AmrecoverStartException(message, Transcript.Tail())
            : new AmrecoverExitedException(message, Transcript.Tail(), exitCode);
    }

    private string PendingText()
    {
        lock (_lock) return Transcript.Utf8(_framer.Pending);
    }

    private static string? Display(string? command) => command is null ? null : Transcript.Utf8(command);

    private Task KillAsync()
    {
        _broken = true;
        return _process.KillAsync();
    }

    /// <summary>Quits politely (<c>quit</c>, then end of input), and kills whatever is still running after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.QuitAsync(canSpeak: IsUsable);
        _broken = true;
        await _process.DisposeAsync();
        _oneCommandAtATime.Dispose();
    }
}
