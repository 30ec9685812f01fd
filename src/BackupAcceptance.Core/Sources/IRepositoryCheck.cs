namespace BackupAcceptance.Core.Sources;

/// <summary>A backup system that can check its own store (restic check): a capability, not every system has it.</summary>
public interface IRepositoryCheck
{
    /// <summary>Runs the system's own check, reading <paramref name="readDataPercent"/> percent of the stored data
    /// back (0: the structure only).</summary>
    /// <returns>Null when it found no error, else its own words for the errors.</returns>
    Task<string?> CheckRepositoryAsync(int readDataPercent, CancellationToken cancellationToken);
}
