using System.Globalization;
using BackupAcceptance.Amanda.Catalogue;

namespace BackupAcceptance.Baseline;

/// <summary>
/// How often a configuration promises dumps, from its own amanda.conf (<c>amgetconf</c>): <c>dumpcycle</c> days between
/// full dumps, <c>runspercycle</c> amdump runs in that time. The baseline's freshness bounds come from here, so they
/// say what the configuration already promises, with a little grace for a run that ends late.
/// </summary>
public sealed record DumpSchedule(int DumpCycleDays, int RunsPerCycle)
{
    /// <summary>A run that ends this late still counts as on time.</summary>
    public const int GraceHours = 2;

    /// <summary>Hours between amdump runs plus the grace: one run a day (the default) gives 26.</summary>
    public int LatestDumpHours
    {
        get
        {
            // runspercycle 0 means "as many as dumpcycle days" and -1 "guess from the tapes": one run a day for both.
            var daysPerRun = DumpCycleDays > 0 && RunsPerCycle > 0 ? (double)DumpCycleDays / RunsPerCycle : 1.0;
            return (int)Math.Ceiling(daysPerRun * 24) + GraceHours;
        }
    }

    /// <summary>dumpcycle days plus one (Amanda may postpone a full by a run); dumpcycle 0 (a full every run) gives 2.</summary>
    public int FullDumpDays => Math.Max(DumpCycleDays, 1) + 1;

    public string Describe() =>
        $"dumpcycle {DumpCycleDays} day(s), runspercycle {RunsPerCycle}: latest dump within {LatestDumpHours} h, " +
        $"a level 0 within {FullDumpDays} days";

    /// <returns>The schedule, or null with the reason (amgetconf missing: not the Amanda server; unknown config).</returns>
    public static async Task<(DumpSchedule? Schedule, string Reason)> ReadAsync(string config, CancellationToken cancellationToken)
    {
        var cycle = await GetAsync(config, "dumpcycle", cancellationToken);
        var runs = await GetAsync(config, "runspercycle", cancellationToken);
        if (cycle.Value is not { } days) return (null, cycle.Reason);
        return (new DumpSchedule(days, runs.Value ?? 0), "");
    }

    private static async Task<(int? Value, string Reason)> GetAsync(string config, string parameter, CancellationToken cancellationToken)
    {
        var (text, why) = await AmandaParameter.GetAsync(config, parameter, cancellationToken);
        if (text is null) return (null, why);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (value, "")
            : (null, $"amgetconf {config} {parameter} gave '{text}', not a number");
    }
}
