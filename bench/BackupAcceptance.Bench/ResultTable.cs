using System.Globalization;
using System.Text;

namespace BackupAcceptance.Bench;

/// <summary>The benchmark's table, in Markdown: one block per disk, ratios against the short script (b).</summary>
public static class ResultTable
{
    public static string Render(BenchDisk disk, IReadOnlyList<BenchResult> results)
    {
        var script = results.Single(r => r.Way.StartsWith("(b)", StringComparison.Ordinal)).Wall;
        var text = new StringBuilder()
            .AppendLine($"### {disk}")
            .AppendLine()
            .AppendLine("| way | wall (s) | amrecover processes | commands | peak memory, bench + every amrecover and below (PSS, MiB) | peak RSS, bench alone (MiB) | CPU s, bench | CPU s, amrecover and below | files | directories | (b) / this |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Way} | {(r.Extrapolated ? "≈" : "")}{r.Wall.TotalSeconds.ToString(r.Wall.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} | {r.AmrecoverProcesses} | {r.Commands} | ")
                .Append(CultureInfo.InvariantCulture, $"{r.PeakTotalKiB / 1024.0:0} | {r.PeakSelfKiB / 1024.0:0} | {r.Cpu.SelfSeconds:0.0} | {r.Cpu.ChildrenSeconds:0.0} | {r.Files?.ToString(CultureInfo.InvariantCulture) ?? "-"} | ")
                .AppendLine(CultureInfo.InvariantCulture, $"{r.Directories?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {script / r.Wall:0.00}x |");
        }
        return text.ToString();
    }
}
