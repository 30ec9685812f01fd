using System.Globalization;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>A run's wall time (first scenario's start to the last one's end, sessions closed) against the time it
/// waited on amrecover: the rest is the suite's own work (parsing, hashing restored files, comparing, reporting).</summary>
/// <param name="Waited">Wall time with at least one amrecover exchange in flight.</param>
/// <param name="Summed">Every exchange's time added up (more than <paramref name="Waited"/> when sessions overlap).</param>
public sealed record RunTime(TimeSpan Wall, TimeSpan Waited, TimeSpan Summed)
{
    public double WaitedShare => Wall > TimeSpan.Zero ? Math.Min(1, Waited / Wall) : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"run {Wall.TotalSeconds:0.0} s, of which waiting on amrecover {Waited.TotalSeconds:0.0} s ({WaitedShare:P0}; " +
        $"{Summed.TotalSeconds:0.0} s summed over sessions in parallel): the suite's own work {(Wall - Waited).TotalSeconds:0.0} s");
}
