using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Restic;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Bench;

/// <summary>
/// <c>./run.sh bench restic [--rounds N] [--out FILE] [REPOSITORY HOST PATH]...</c>: "the latest snapshot holds files"
/// on a restic subject, side by side in one run, rounds interleaved: (s) the short script a sysadmin writes (one
/// <c>restic ls --long latest</c>, counted by grep) and (c) the suite's core on restic (snapshots, then the tree, then
/// the rule: <see cref="ContentRules"/>), both with the password from RESTIC_PASSWORD_FILE. Both must count the same
/// files. Exit 1 when they do not.
/// </summary>
public static class ResticBench
{
    private sealed record Subject(string Repository, string Host, string Path)
    {
        public override string ToString() => $"{Repository} {Host}:{Path}";
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = 5;
        string? output = null;
        var subjects = new List<Subject>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                default:
                    if (i + 2 >= args.Length) { Console.Error.WriteLine("bench restic: a subject is REPOSITORY HOST PATH"); return 2; }
                    subjects.Add(new Subject(args[i], args[i + 1], args[i + 2]));
                    i += 2;
                    break;
            }
        }
        if (subjects.Count == 0) subjects.Add(new Subject("/var/lib/backup-acceptance/restic-demo/repo", "localhost", "/srv/restic-fixtures/good"));
        var report = new StringBuilder()
            .AppendLine("# restic: the suite's core against a short script")
            .AppendLine()
            .AppendLine($"`./run.sh bench restic` on {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.MachineName}: {Environment.ProcessorCount} cores, " +
                        $"{RuntimeInformation.OSDescription}, {(await Cli.Wrap("restic").WithArguments("version").ExecuteBufferedAsync(cancellationToken)).StandardOutput.Trim()}. " +
                        $"{rounds} rounds, the two ways interleaved; the median and the fastest of each. The check: the latest snapshot of the " +
                        "subject holds files, counted whole. (s): `restic ls --long latest --host H --path P | grep -vc -e '^d' -e '^snapshot '`. " +
                        "(c): the suite's core (ResticRepository: `restic snapshots --json` and `restic ls --json latest --host H --path P` at once, read-only, then ContentRules), " +
                        "in process, as a scenario's Then step runs it, without the test host (a `dotnet test` run adds about 4 s once, not per scenario).")
            .AppendLine();
        var disagree = false;
        foreach (var subject in subjects)
        {
            Console.WriteLine($"bench restic: {subject} ...");
            var script = new List<TimeSpan>();
            var core = new List<TimeSpan>();
            int? scriptFiles = null, coreFiles = null;
            for (var round = 0; round < rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                scriptFiles = await ScriptAsync(subject, cancellationToken);
                script.Add(clock.Elapsed);
                clock.Restart();
                coreFiles = await CoreAsync(subject, cancellationToken);
                core.Add(clock.Elapsed);
            }
            report.AppendLine($"### {subject}").AppendLine()
                .AppendLine("| way | median (s) | fastest (s) | files | (s) / this, median |")
                .AppendLine("|---|---:|---:|---:|---:|")
                .AppendLine(Row("(s) script: restic ls --long, grep", script, scriptFiles, Median(script)))
                .AppendLine(Row("(c) the suite's core on restic", core, coreFiles, Median(script)))
                .AppendLine();
            if (scriptFiles != coreFiles)
            {
                disagree = true;
                report.AppendLine($"COUNTS DISAGREE on {subject}: script {scriptFiles}, core {coreFiles}").AppendLine();
            }
        }
        Console.WriteLine(report);
        if (output is not null) await File.WriteAllTextAsync(output, report.ToString(), cancellationToken);
        return disagree ? 1 : 0;
    }

    private static async Task<int> ScriptAsync(Subject subject, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("bash").WithArguments(["-c",
                "restic --repo=\"$1\" --no-lock ls --long latest --host \"$2\" --path \"$3\" | grep -vc -e '^d' -e '^snapshot '",
                "script", subject.Repository, subject.Host, subject.Path])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        return int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<int> CoreAsync(Subject subject, CancellationToken cancellationToken)
    {
        var view = new BackupInView(new ResticRepository(subject.Repository, subject.Host, subject.Path), SnapshotChoice.Latest, "restic output");
        return (await ContentRules.RequireFilesAsync(view, 1, cancellationToken)).Files;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static string Row(string way, List<TimeSpan> times, int? files, TimeSpan script) => string.Create(CultureInfo.InvariantCulture,
        $"| {way} | {Median(times).TotalSeconds:0.00} | {times.Min().TotalSeconds:0.00} | {files} | {script / Median(times):0.00}x |");
}
