using BackupAcceptance.Outputs.Summary;

namespace BackupAcceptance.Outputs.Nagios;

/// <summary>The Nagios/Icinga plugin codes. Only these four mean anything to them: run.sh's own 1, 2 and 130 would be
/// read as WARNING, CRITICAL and "out of range".</summary>
public enum PluginStatus
{
    Ok = 0,
    Critical = 2,
    Unknown = 3,
}

public static class PluginStatuses
{
    /// <summary>CRITICAL is a backup fault, whatever else broke beside it, and even in a run stopped before its end
    /// (the fault is known; the line says the rest is partial); UNKNOWN is a run that could not say: only checks that
    /// could not run, nothing ran, an interrupted run without a fault found (run.sh's 130), or run.sh's own trouble
    /// (its 2 with every scenario passed); OK only when every scenario passed and run.sh agrees.</summary>
    /// <param name="exitCode">run.sh's exit code for the run, when known.</param>
    public static PluginStatus Of(RunCounts counts, string? interrupted, int? exitCode)
    {
        if (counts.Failed > 0) return PluginStatus.Critical;
        if (interrupted is not null || exitCode == 130) return PluginStatus.Unknown;
        if (exitCode == 1) return PluginStatus.Critical;
        if (counts.Broken > 0 || counts.Passed == 0 || exitCode is not (null or 0)) return PluginStatus.Unknown;
        return PluginStatus.Ok;
    }

    public static string Word(this PluginStatus status) => status switch
    {
        PluginStatus.Ok => "OK",
        PluginStatus.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };
}
