namespace BackupAcceptance.Core.Sources;

/// <summary>A path one backup holds, as a lookup by name finds it on every system: whether it is a directory (Amanda's
/// listing has no sizes or times). The path is the one asked for (<see cref="IPathLookup"/> answers in order).</summary>
public sealed record FoundPath(bool IsDirectory);
