using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;
using BackupAcceptance.Expectations.Counts;

namespace BackupAcceptance.Bench;

/// <summary>
/// <c>./run.sh bench estate</c>: the check "every disk has a recent dump holding a file" on the first N disks of the
/// scratch configuration <c>estate</c> (provision/estate.sh), two ways side by side in one run: (s) the one-session
/// script (<see cref="EstateScript"/>) and (e) the suite's estate step (the Given's listhost/listdisk, then
/// <see cref="EstateCheck.RequireEveryDiskAsync"/> over the pool's shared sessions, at each session bound asked).
/// Both must name the same hollow disks. Exit 1 when they do not.
/// </summary>
public static class EstateBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var config = "estate";
        var sizes = new List<int> { 300, 1000 };
        var bounds = new List<int> { SessionPool.DefaultSessionsPerHost };
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config": config = args[++i]; break;
                case "--disks": sizes = Numbers(args[++i]); break;
                case "--sessions": bounds = Numbers(args[++i]); break;
                case "--out": output = args[++i]; break;
                default: Console.Error.WriteLine($"bench estate: unknown argument {args[i]}"); return 2;
            }
        }

        var hours = TimeSpan.FromHours(48);
        IReadOnlyList<BackupTarget> estate;
        await using (var lister = new SessionPool(new AmrecoverOptions()))
            estate = await EstateCheck.DisksAsync(lister, config, cancellationToken);
        var report = new StringBuilder()
            .AppendLine("# The whole estate checked: the suite's estate step against a one-session script")
            .AppendLine()
            .AppendLine($"`./run.sh bench estate` on {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.MachineName}: {Environment.ProcessorCount} cores, " +
                        $"{CpuModel()}, {RuntimeInformation.OSDescription}. Configuration `{config}` ({estate.Count} disks, provision/estate.sh: " +
                        "a few files each, every disk numbered 50 mod 100 hollow). The check: every disk has a dump no older than 48 hours " +
                        "with at least 1 file. N = the first N disks of the disklist.")
            .AppendLine()
            .AppendLine("- (s) one amrecover session, a short script: for each disk `setdisk`, then absolute `cd` + `ls` breadth first until the first file.")
            .AppendLine("- (e) the suite's estate step: `Given every disk of estate config` (listhost, listdisk; on the server the catalogue is read " +
                        "meanwhile and no sessions start ahead, elsewhere the K sessions of the host start side by side with the one that lists) and `Then every disk has a dump no older than 48 hours with at least 1 file` " +
                        "over the first N. On the server (the default): the catalogue in one `amadmin find` and every disk's index files read in " +
                        "process after the index audit (in batches: one `stat` and one `gzip -t` per hundred disks), then amrecover over the " +
                        "session pool's shared sessions (K per host) for every disk found bad or not readable that way and a seeded sample of " +
                        "the good ones (the square root of N, at least 3). With index files off: amrecover for every disk (setdisk, " +
                        "history, the root's ls), the clock check once per disk.")
            .AppendLine()
            .AppendLine("| N disks | way | wall (s) | ms a disk | amrecover started | CPU s, bench | CPU s, amrecover and below | bad disks found | (s) / this | load avg before → after |")
            .AppendLine("|---:|---|---:|---:|---:|---:|---:|---|---:|---|");
        var disagree = false;
        var notes = new List<string>();
        // The bench's script browses outside the suite's pool: each disk's index is audited first (BenchIndexCheck),
        // untimed, as amindexd's first browse would destroy an index its user cannot read.
        var audit = new BenchIndexCheck();
        foreach (var disk in estate.Take(sizes.Max()))
            if (await audit.RefusalAsync(new BenchDisk(disk.Config, disk.Host, disk.Disk), cancellationToken) is { } refusal)
            {
                Console.Error.WriteLine($"bench estate: {disk} refused, nothing browsed: {refusal}");
                return 2;
            }
        foreach (var size in sizes)
        {
            if (size > estate.Count)
            {
                report.AppendLine($"| {size} | not run: the configuration has {estate.Count} disks | | | | | | | | |");
                continue;
            }
            var disks = estate.Take(size).ToList();
            Console.WriteLine($"bench estate: {size} disks, (s) ...");
            var load = Load();
            var cpu = CpuTime.Now();
            var script = await EstateScript.RunAsync(disks, cancellationToken);
            var scriptCpu = CpuTime.Now() - cpu;
            report.AppendLine(Row(size, $"(s) one session, a short script ({script.Commands} commands)", script.Wall, 1, scriptCpu,
                script.Hollow, script.Wall, load));
            // Each bound with the server's files read first (the default where this machine is the server), then the
            // default bound with them left out (BACKUP_ACCEPTANCE_INDEX_FILES=off: amrecover checks every disk).
            foreach (var (bound, screen) in bounds.Select(b => (b, true)).Append((SessionPool.DefaultSessionsPerHost, false)))
            {
                Console.WriteLine($"bench estate: {size} disks, (e) with {bound} session(s) per host{(screen ? "" : ", index files off")} ...");
                load = Load();
                cpu = CpuTime.Now();
                var clock = Stopwatch.StartNew();
                IReadOnlyList<string> hollow;
                int started;
                string how;
                var walking = screen ? WalkSettings.Default : WalkSettings.Default with { IndexFiles = IndexFilesMode.Off };
                await using (var pool = new SessionPool(new AmrecoverOptions()) { SessionsPerHost = bound, Walking = walking })
                {
                    var listed = (await EstateCheck.DisksAsync(pool, config, cancellationToken, startHostSessions: true)).Take(size).ToList();
                    try
                    {
                        how = (await EstateCheck.RequireEveryDiskAsync(pool, listed, hours, 1, DateTime.Now, cancellationToken))[0];
                        hollow = [];
                    }
                    catch (ExpectationFailedException failure)
                    {
                        var lines = failure.TranscriptTail.Split('\n');
                        how = lines[0];
                        hollow = lines.Where(l => l.StartsWith("BAD ", StringComparison.Ordinal))
                            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].Split(':', 2)[1]).ToList();
                    }
                    started = pool.Started;
                }
                var wall = clock.Elapsed;
                var way = $"(e) the suite's estate step, {bound} session(s) per host{(screen ? "" : ", index files off")}";
                report.AppendLine(Row(size, way, wall, started, CpuTime.Now() - cpu, hollow, script.Wall, load));
                notes.Add($"- {size} disks, {way}: {how}");
                if (!hollow.SequenceEqual(script.Hollow))
                {
                    disagree = true;
                    report.AppendLine($"| {size} | **DISAGREE**: (s) found {string.Join(", ", script.Hollow)}; (e) found {string.Join(", ", hollow)} | | | | | | | | |");
                }
            }
        }
        report.AppendLine().AppendLine("How each (e) row read the estate (the step's own first line):").AppendLine();
        foreach (var note in notes) report.AppendLine(note);
        report.AppendLine()
            .AppendLine("Load average is /proc/loadavg's 1-minute figure, before and after each row: the benchmark's own processes count in it, and so does any other work on the machine.");
        var text = report.ToString();
        Console.WriteLine(text);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, text, cancellationToken);
            Console.WriteLine($"bench estate: written to {output}");
        }
        return disagree ? 1 : 0;
    }

    private static string Row(int size, string way, TimeSpan wall, int started, CpuTime cpu, IReadOnlyList<string> hollow, TimeSpan script,
        (string Before, Func<string> After) load) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {size} | {way} | {wall.TotalSeconds:0.0} | {wall.TotalMilliseconds / size:0.0} | {started} | {cpu.SelfSeconds:0.0} | {cpu.ChildrenSeconds:0.0} | " +
            $"{hollow.Count}: {string.Join(" ", hollow.Select(h => h.Split('/').Last()))} | {script / wall:0.00}x | {load.Before} → {load.After()} |");

    private static (string Before, Func<string> After) Load() => (LoadNow(), LoadNow);

    private static string LoadNow() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static List<int> Numbers(string list) => list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
