namespace BackupAcceptance.Core.Sources;

/// <summary>The newest restorable version of one path: the backup a restore takes it from.</summary>
/// <param name="Path">Relative to the subject ("" is the subject itself).</param>
/// <param name="Note">How the system dated it, when not simply by the backup that lists it, beginning with its own
/// separator (" (present, unchanged since the dump of D, per its directory records)"), or "".</param>
public sealed record PathVersion(string Path, Snapshot From, string Note = "");
