using System.Text;
using BackupAcceptance.Outputs.Summary;

namespace BackupAcceptance.Outputs.Nagios;

/// <summary>
/// The one line a Nagios or Icinga plugin prints: <c>BACKUP ACCEPTANCE CRITICAL - 2 of 17 scenarios failed: Hollow
/// backup ba-daily localhost:/srv/x, ... | 'ba-daily localhost:/etc files'=123;;;0 ...</c>, perfdata per disk: files
/// (of the newest dump counted whole), dump age and recovery time estimate in seconds.
/// </summary>
public static class PluginLine
{
    /// <summary>Scenarios named in the text at most; the others are counted ("and 12 more").</summary>
    public const int Named = 5;

    public static (string Line, PluginStatus Status) Render(RunFile? run, int? exitCode, string? missing = null)
    {
        if (run is null)
            return ($"BACKUP ACCEPTANCE UNKNOWN - no summary of the run: {missing ?? "the build or the test host failed before the run ended"}"
                    + (exitCode is { } code ? $" (run.sh exit {code})" : ""), PluginStatus.Unknown);
        var counts = RunFiles.Count(run.Scenarios);
        var status = PluginStatuses.Of(counts, run.Interrupted, exitCode);
        var text = new StringBuilder($"BACKUP ACCEPTANCE {status.Word()} - ");
        var failed = run.Scenarios.Where(s => s.Verdict == ScenarioEntry.Failed).ToList();
        var broken = run.Scenarios.Where(s => s.Verdict is not (ScenarioEntry.Passed or ScenarioEntry.Failed)).ToList();
        if (failed.Count > 0)
        {
            text.Append($"{failed.Count} of {counts.Total} scenarios failed: ").Append(Names(failed));
            if (broken.Count > 0) text.Append($"; {broken.Count} could not be checked: ").Append(Names(broken));
        }
        else if (broken.Count > 0) text.Append($"{broken.Count} of {counts.Total} scenarios could not be checked: ").Append(Names(broken));
        else if (counts.Total == 0) text.Append("no scenario ran, so nothing was checked (check the features folder, --tags and @ignore)");
        else text.Append($"{counts.Passed} of {counts.Total} scenarios passed");
        if (run.Interrupted is not null || exitCode == 130)
            text.Append($"; the run was {run.Interrupted ?? "interrupted"}: its results are partial");
        else if (status == PluginStatus.Unknown && counts.Total > 0 && broken.Count == 0 && exitCode is { } code && code != 0)
            text.Append($"; but run.sh exited {code}: the suite's own trouble (see its output and dotnet-test.log)");
        var perfdata = Perf(run);
        return (Clean(text.ToString()) + (perfdata.Length > 0 ? " | " + perfdata : ""), status);
    }

    private static string Names(IReadOnlyList<ScenarioEntry> scenarios)
    {
        var named = scenarios.Take(Named).Select(s => $"{s.Category ?? s.Verdict} {(s.Where.Length > 0 ? s.Where : $"{s.Feature} / {s.Name}")}");
        return string.Join(", ", named) + (scenarios.Count > Named ? $" and {scenarios.Count - Named} more" : "");
    }

    private static string Perf(RunFile run) => string.Join(" ", DiskView.Of(run).SelectMany(disk =>
    {
        var name = $"{disk.Config} {disk.Host}:{disk.Disk}";
        var items = new List<string>();
        if (disk.Files is { } files) items.Add(Perfdata.Item($"{name} files", files, ""));
        if (disk.DumpAgeSeconds is { } age) items.Add(Perfdata.Item($"{name} dump age", age, "s"));
        if (disk.RestoreSeconds is { } restore) items.Add(Perfdata.Item($"{name} restore", restore, "s"));
        return items;
    }));

    /// <summary>One line, and no | in the text: Nagios reads what follows the first | as perfdata.</summary>
    private static string Clean(string text) => text.Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');
}
