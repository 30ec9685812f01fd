namespace BackupAcceptance.ReqnrollNUnit.Samples.Support;

/// <summary>
/// A toy backup journal, one per scenario. Reqnroll's context injection hands the same instance to the
/// hooks and to every step class of a scenario: that sharing is what the samples check.
/// </summary>
public sealed class BackupJournal
{
    public int ExistingFiles { get; set; }

    public int ChangedFiles { get; set; }

    public List<string> CopiedFiles { get; } = [];

    public int BackupAgeInDays { get; set; }

    public bool Expired { get; set; }

    /// <summary>Which hook opened the journal.</summary>
    public string? OpenedBy { get; set; }

    /// <summary>Tag-scoped hooks that ran for the scenario.</summary>
    public List<string> AuditTrail { get; } = [];

    public int StepsStarted { get; set; }

    public int StepsFinished { get; set; }
}
