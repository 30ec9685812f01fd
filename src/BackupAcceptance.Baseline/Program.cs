using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Baseline;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Settings;

// ./run.sh baseline CONFIG [HOST]: one scenario per disk, from the dumps as they are now. Exit 0 when the file was
// written (warnings go to stderr), 2 when nothing was written (bad arguments, file exists, configuration unreadable).
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BaselineRequest.Usage);
    return 0;
}
var (request, error) = BaselineRequest.Parse(args);
if (request is null) return Refuse($"{error}\n{BaselineRequest.Usage}");
if (File.Exists(request.Output) && !request.Force) return Refuse($"{request.Output} exists; give --force to overwrite it");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) => { press.Cancel = true; stop.Cancel(); };
try
{
    var (schedule, scheduleWhy) = await DumpSchedule.ReadAsync(request.Config, stop.Token);
    var settings = RunSettings.FromEnvironment().Validated();
    await using var pool = settings.NewSessionPool(settings.Amrecover(), Environment.GetEnvironmentVariable);
    var survey = new DiskSurvey(pool);
    var disks = await survey.DisksAsync(request.Config, request.Host, stop.Token);
    if (schedule is null)
    {
        // A client of a remote server has no amgetconf: the bounds then assume one run a day, and say so.
        Console.Error.WriteLine($"baseline: the dump schedule is unknown ({scheduleWhy}); assuming one amdump run a day");
        schedule = new DumpSchedule(1, 1);
    }
    var facts = new List<DiskFacts>();
    foreach (var disk in disks)
    {
        Console.Error.WriteLine($"baseline: reading {disk.Host} {disk.Disk} ...");
        facts.Add(await survey.ReadAsync(disk, stop.Token));
    }
    var (text, warnings) = FeatureWriter.Write(request, schedule, facts, DateTime.Now);
    if (File.Exists(request.Output) && !request.Force) return Refuse($"{request.Output} appeared while reading; give --force to overwrite it");
    var temporary = request.Output + ".tmp";
    await File.WriteAllTextAsync(temporary, text, stop.Token);
    File.Move(temporary, request.Output, overwrite: true);
    foreach (var warning in warnings) Console.Error.WriteLine($"baseline: WARNING: {warning}");
    var unreadable = facts.Count(f => f.Unreadable is not null);
    Console.WriteLine($"wrote {request.Output}: a scenario for each of {facts.Count} disk(s) of {request.Config}" +
                      $"{(unreadable > 0 ? $" ({unreadable} not readable: written to fail until mended)" : "")}, {warnings.Count} warning(s)");
    Console.WriteLine($"check it with: ./run.sh --features {request.Output}");
    return 0;
}
catch (SettingsException refused)
{
    return Refuse(refused.Message);
}
catch (ExpectationFailedException failure)
{
    return Refuse($"cannot read configuration {request.Config}: {failure.Message}");
}
catch (Exception bad) when (bad is ArgumentException or AmrecoverException or IOException or UnauthorizedAccessException)
{
    return Refuse(bad.Message);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return Refuse("interrupted: nothing written");
}

static int Refuse(string why)
{
    Console.Error.WriteLine($"baseline: {why}");
    return 2;
}
