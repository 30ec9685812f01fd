using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Restoring;

/// <summary>A restore's extract output, and the directories restored whole because amrecover could not add single files there.</summary>
public sealed record RestoreReport(ExtractReport Extract, IReadOnlyList<RawPath> WholeDirectories);
