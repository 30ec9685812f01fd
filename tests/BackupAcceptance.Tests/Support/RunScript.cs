using System.Diagnostics;
using System.Text;
using CliWrap;
using RunWatchdog = BackupAcceptance.Suite.Run.RunWatchdog;

namespace BackupAcceptance.Tests.Support;

/// <summary>What one ./run.sh left: its exit code, its output, and how long it took.</summary>
internal sealed record RunScriptResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Took)
{
    public override string ToString() => $"exit {ExitCode} after {Took.TotalSeconds:0.0} s\n{StandardOutput}\n{StandardError}";
}

/// <summary>
/// ./run.sh started the way a user or a CI job starts it, in a run scope of the test's own (BACKUP_ACCEPTANCE_RUN_ID
/// under <see cref="Scope"/>), so the test finds every process of its run, and only those, in /proc.
/// </summary>
internal sealed class RunScript
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CommandTask<CommandResult> _task;

    private RunScript(string scope, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        Scope = scope;
        _task = Cli.Wrap(Path.Combine(Repository.Root, "run.sh")).WithArguments(arguments)
            .WithEnvironmentVariables(env => env.Set(environment).Set("BACKUP_ACCEPTANCE_RUN_ID", scope))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(_out))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_err))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
    }

    /// <summary>Words to end run.sh's arguments with when a test is not about the build: run.sh hands them to dotnet
    /// test, which then runs the suite this test run has already built (in this assembly's configuration) instead of
    /// starting MSBuild to check it again (seconds of every run.sh run). The tests of the front door as users meet it
    /// (RunScriptIntegrationTests' good run, ProcessFaultTests, a failed build) keep the build.</summary>
    public static IReadOnlyList<string> Prebuilt { get; } = ["--", "--no-build", "--configuration", Repository.Configuration];

    /// <summary>The run's scope: run.sh's own id is made under it.</summary>
    public string Scope { get; }

    /// <summary>run.sh's process id.</summary>
    public int Pid => _task.ProcessId;

    /// <summary>Under the scope this test host runs in (./run.sh test gives it one), so a run that ends the tests ends
    /// their runs too.</summary>
    public static RunScript Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken) =>
        new(RunWatchdog.Nested(Environment.GetEnvironmentVariable(RunWatchdog.Variable), $"test-{Guid.NewGuid():N}"),
            arguments, environment, cancellationToken);

    public static async Task<RunScriptResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await Start(arguments, environment, cancel.Token).EndAsync();
    }

    public async Task<RunScriptResult> EndAsync()
    {
        var result = await _task;
        return new RunScriptResult(result.ExitCode, _out.ToString(), _err.ToString(), _clock.Elapsed);
    }

    /// <summary>The living processes of this run: those whose environment names its scope or one under it.</summary>
    public IReadOnlyList<int> Processes() => OfScope(Scope);

    public static IReadOnlyList<int> OfScope(string scope) =>
        ProcessTable.All().Where(pid => ProcessTable.IsAlive(pid) && InScope(ProcessTable.Environment(pid), scope)).ToList();

    /// <summary>"BACKUP_ACCEPTANCE_RUN_ID=SCOPE" or "...=SCOPE/..." among the NUL-separated entries.</summary>
    public static bool InScope(string environ, string scope) =>
        environ.Split('\0').Any(e => e == $"BACKUP_ACCEPTANCE_RUN_ID={scope}" || e.StartsWith($"BACKUP_ACCEPTANCE_RUN_ID={scope}/", StringComparison.Ordinal));

    /// <summary>Waits (bounded) for a process of the run whose command line holds <paramref name="fragment"/>.</summary>
    public async Task<int?> WaitForAsync(string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_task.Task.IsCompleted)
        {
            var found = Processes().FirstOrDefault(pid => ProcessTable.CommandLine(pid).Contains(fragment, StringComparison.Ordinal));
            if (found != 0) return found;
            await Task.Delay(200);
        }
        return null;
    }

    /// <summary>Waits (bounded) until no process of the run is left; returns "PID COMMAND" of those still alive.</summary>
    public async Task<IReadOnlyList<string>> WaitUntilNoneLeftAsync(TimeSpan timeout, Func<int, bool>? which = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = Processes().Where(which ?? (_ => true)).Select(pid => $"{pid} {ProcessTable.CommandLine(pid)}").ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline) return alive;
            await Task.Delay(100);
        }
    }
}
