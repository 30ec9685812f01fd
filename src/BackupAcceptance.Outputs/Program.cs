using BackupAcceptance.Outputs;
using BackupAcceptance.Outputs.Files;
using BackupAcceptance.Outputs.Junit;
using BackupAcceptance.Outputs.Nagios;
using BackupAcceptance.Outputs.Prometheus;
using BackupAcceptance.Outputs.Summary;

// After a run (run.d/outputs.sh): summary.json into the Prometheus textfile, junit.xml and the Nagios line.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(OutputsRequest.Usage);
    return 0;
}
var (request, error) = OutputsRequest.Parse(args);
if (request is null)
{
    await Console.Error.WriteLineAsync($"outputs: {error}\n{OutputsRequest.Usage}");
    return 2;
}
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
try
{
    var (run, missing) = await ReadAsync(request, stop.Token);
    if (run is not null && request.Summaries.Count > 1)
        await AtomicFile.WriteAsync(Path.Combine(request.Results, "summary.json"), RunFiles.Render(run), null, stop.Token);
    // No summary: the run-level facts still go out (when, run.sh's code), so a run that dies is seen, not silent.
    var textfile = Textfile.Render(run ?? Empty(), request.ExitCode);
    await AtomicFile.WriteAsync(Path.Combine(request.Results, Textfile.FileName), textfile, null, stop.Token);
    if (request.Textfile is { } other && Path.GetFullPath(other) != Path.GetFullPath(Path.Combine(request.Results, Textfile.FileName)))
        // node_exporter runs as its own user: the copy it reads is world-readable (it holds no restored byte).
        await AtomicFile.WriteAsync(other, textfile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, stop.Token);
    await AtomicFile.WriteAsync(Path.Combine(request.Results, JunitReport.FileName), JunitReport.Render(run, missing), null, stop.Token);
    if (!request.Nagios) return 0;
    var (line, status) = PluginLine.Render(run, request.ExitCode, missing);
    Console.WriteLine(line);
    return (int)status;
}
catch (Exception bad) when (bad is IOException or UnauthorizedAccessException or InvalidDataException or OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"outputs: {bad.Message}");
    if (!request.Nagios) return 2;
    Console.WriteLine($"BACKUP ACCEPTANCE UNKNOWN - the monitoring outputs could not be written: {bad.Message.Replace('|', '/')}");
    return (int)PluginStatus.Unknown;
}

// The run's summary (the parts merged), or why there is none.
static async Task<(RunFile? Run, string? Missing)> ReadAsync(OutputsRequest request, CancellationToken cancellationToken)
{
    var parts = new List<RunFile>();
    foreach (var path in request.Summaries)
    {
        if (!File.Exists(path)) return (null, $"{path} was not written (the build or the test host failed before the run ended)");
        parts.Add(await RunFiles.ReadAsync(path, cancellationToken));
    }
    return (RunFiles.Merge(parts), null);
}

static RunFile Empty() => new(RunFile.Schema, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, Environment.MachineName, null, null, 0, new RunCounts(0, 0, 0), []);
