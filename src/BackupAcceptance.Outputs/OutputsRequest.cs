using System.Globalization;

namespace BackupAcceptance.Outputs;

/// <summary>What run.sh asks for: the results folder to write into, the summary.json files of the run (one, or the
/// parts of a sharded run), run.sh's exit code, another place for the Prometheus textfile, and the Nagios line.</summary>
public sealed record OutputsRequest(string Results, IReadOnlyList<string> Summaries, int? ExitCode, string? Textfile, bool Nagios)
{
    public const string Usage = """
        Usage: BackupAcceptance.Outputs --results DIR [--exit-code N] [--textfile PATH] [--nagios] SUMMARY_JSON...
          Reads the summary.json of a run (or of each part of a sharded run, merged into DIR/summary.json) and writes
          DIR/backup_acceptance.prom (Prometheus textfile), DIR/junit.xml, and PATH (a copy of the textfile, mode 0644,
          for node_exporter). --nagios prints the Nagios/Icinga plugin line and exits 0 OK, 2 CRITICAL, 3 UNKNOWN;
          else the exit code is 0, or 2 when something could not be written.
        """;

    public static (OutputsRequest? Request, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? results = null, textfile = null;
        int? exitCode = null;
        var nagios = false;
        var summaries = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--results" when i + 1 < args.Count: results = args[++i]; break;
                case "--textfile" when i + 1 < args.Count: textfile = args[++i]; break;
                case "--exit-code" when i + 1 < args.Count:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return (null, $"--exit-code: '{args[i]}' is not a number");
                    exitCode = code;
                    break;
                case "--nagios": nagios = true; break;
                case var option when option.StartsWith("--", StringComparison.Ordinal): return (null, $"unknown or incomplete option: {option}");
                default: summaries.Add(args[i]); break;
            }
        }
        if (results is null) return (null, "--results DIR is required");
        if (summaries.Count == 0) return (null, "no summary.json given");
        return (new OutputsRequest(results, summaries, exitCode, string.IsNullOrWhiteSpace(textfile) ? null : textfile, nagios), null);
    }
}
