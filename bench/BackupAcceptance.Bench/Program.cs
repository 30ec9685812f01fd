using System.Globalization;
using System.Runtime.InteropServices;
using BackupAcceptance.Bench;

// ./run.sh bench [--sample N] [--ways abcde] [--sessions 1,2,3] [--out FILE] [CONFIG HOST DISK]...: every way side by side in one run, on
// the demo's big disk and on each disk named. Exit 1 when two ways disagree on a count, else 2 when the index audit
// refused a disk (it was not browsed: see BenchIndexCheck). ./run.sh bench estate [--disks 300,1000] [--sessions 3]
// [--out FILE]: the whole estate checked, the suite's estate step against a one-session script (EstateBench).
// ./run.sh bench restic [--rounds N] [--out FILE] [REPOSITORY HOST PATH]...: the core on restic against a script (ResticBench).
if (args.Length > 0 && args[0] == "estate")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await EstateBench.RunAsync(args[1..], stop.Token);
}
if (args.Length > 0 && args[0] == "restic")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await ResticBench.RunAsync(args[1..], stop.Token);
}
var sample = 100;
var ways = "abcde";
var sessionCounts = new List<int> { new BackupAcceptance.Amanda.Walking.WalkOptions().Sessions };
string? output = null;
var disks = new List<BenchDisk> { new("ba-daily", "localhost", "/srv/fixtures/big") }; // the demo's big disk, always
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sample": sample = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = args[++i]; break;
        case "--ways": ways = args[++i]; break;
        case "--sessions": sessionCounts = args[++i].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(); break;
        default:
            if (i + 2 >= args.Length) { Console.Error.WriteLine("bench: a disk is CONFIG HOST DISK"); return 2; }
            disks.Add(new BenchDisk(args[i], args[i + 1], args[i + 2]));
            i += 2;
            break;
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = new System.Text.StringBuilder()
    .AppendLine($"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} on {Environment.MachineName}: {Environment.ProcessorCount} cores, " +
                $"{RuntimeInformation.OSDescription}, {CpuModel()}; {sample} directories for (a).")
    .AppendLine();
var disagree = false;
var refusedAny = false;
var indexCheck = new BenchIndexCheck();
foreach (var disk in disks)
{
    Console.WriteLine($"bench: {disk} ...");
    // Before any way sends the disk's first setdisk: amindexd would destroy an index its user cannot read.
    if (await indexCheck.RefusalAsync(disk, cancel.Token) is { } refusal)
    {
        refusedAny = true;
        var line = $"REFUSED {disk}, not browsed: {refusal}";
        Console.Error.WriteLine($"bench: {line}");
        report.AppendLine(line).AppendLine();
        continue;
    }
    // (b) always runs: it is the yardstick, and it lists the directories (a) walks a part of.
    IReadOnlyList<string> directories = [];
    var script = await MeasuredAsync(async () => { var (result, listed) = await AbsoluteCdScript.RunAsync(disk, cancel.Token); directories = listed; return result; });
    var results = new List<BenchResult>();
    if (ways.Contains('a')) results.Add(await MeasuredAsync(() => ProcessPerDirectory.RunAsync(disk, directories, sample, cancel.Token)));
    results.Add(script);
    if (ways.Contains('c'))
        foreach (var sessions in sessionCounts)
            results.Add(await MeasuredAsync(() => SuiteWalks.WalkerAsync(disk, sessions, cancel.Token)));
    if (ways.Contains('d'))
    {
        // A fresh cache: the first run counts the dump, the second must find it and walk nothing.
        var cache = Directory.CreateTempSubdirectory("bench-walk-cache-").FullName;
        try
        {
            results.Add(await MeasuredAsync(() => SuiteWalks.DefaultPathAsync(disk, cache, cancel.Token)));
            var again = await MeasuredAsync(() => SuiteWalks.DefaultPathAsync(disk, cache, cancel.Token));
            results.Add(again with { Way = "(d) again, same dump: " + again.Way["(d) ".Length..] });
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
    if (ways.Contains('e')) results.Add(await MeasuredAsync(() => SuiteWalks.AtLeastOneFileAsync(disk, cancel.Token)));
    var counts = results.Where(r => r.Files is not null).Select(r => (r.Files, r.Directories)).Distinct().ToList();
    var table = ResultTable.Render(disk, results);
    Console.WriteLine(table);
    report.AppendLine(table);
    if (counts.Count > 1)
    {
        disagree = true;
        var line = $"COUNTS DISAGREE on {disk}: {string.Join("; ", results.Where(r => r.Files is not null).Select(r => $"{r.Way[..3]} {r.Files} files, {r.Directories} dirs"))}";
        Console.WriteLine(line);
        report.AppendLine(line).AppendLine();
    }
}
report.AppendLine($"Peak working set of the benchmark process: {Environment.WorkingSet / 1048576} MiB now, " +
                  $"{System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB at most.");
if (output is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, report.ToString());
    Console.WriteLine($"bench: written to {output}");
}
return disagree ? 1 : refusedAny ? 2 : 0;

static async Task<BenchResult> MeasuredAsync(Func<Task<BenchResult>> way)
{
    var cpu = CpuTime.Now();
    BenchResult result;
    await using (var memory = new MemorySampler())
    {
        result = await way();
        result = result with { PeakTotalKiB = memory.PeakTotalKiB, PeakSelfKiB = memory.PeakSelfKiB };
    }
    return result with { Cpu = CpuTime.Now() - cpu };
}

static string CpuModel() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
