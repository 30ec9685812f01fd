namespace BackupAcceptance.Core.Sources;

/// <summary>A path one backup holds (relative to the subject's), and whether it is a directory: all a lookup by name
/// can tell on every system (Amanda's listing has no sizes or times).</summary>
public sealed record FoundPath(string Path, bool IsDirectory);
