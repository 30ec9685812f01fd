namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The run's word on each disk for the estate page: tonight's records, kept in memory and appended to the estate
/// history as each scenario ends (Hooks/HistoryHooks), whatever reports the run writes. The page reads them at the end
/// (<see cref="EstatePageFile"/>).
/// </summary>
public sealed class EstateNight(EstateHistory history, DateTimeOffset started)
{
    private readonly List<EstateRecord> _tonight = [];

    public EstateHistory History => history;

    /// <summary>This run's identity in the estate history: its start, UTC.</summary>
    public string RunId => started.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The night this run speaks for on the estate page: its local start date.</summary>
    public string Night => started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset Started => started;

    public IReadOnlyList<EstateRecord> Tonight
    {
        get { lock (_tonight) return [.. _tonight]; }
    }

    /// <summary>Keeps a scenario's verdicts: in this run's memory, and appended to the history (a history that cannot be
    /// written loses the past nights, never tonight's column).</summary>
    public async Task RecordAsync(IReadOnlyList<EstateRecord> records, CancellationToken cancellationToken)
    {
        lock (_tonight) _tonight.AddRange(records);
        await history.RecordAsync(records, cancellationToken);
    }
}
