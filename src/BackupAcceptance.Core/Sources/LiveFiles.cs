namespace BackupAcceptance.Core.Sources;

/// <summary>The live files a backup of the subject would take now, counted as a backup's tree counts them.</summary>
/// <param name="Scope">Where that differs from "the subject's files", said after "N files now" with its own separator
/// (", 3 more excluded by the DLE"), or "".</param>
public sealed record LiveFiles(int Files, string Scope = "");
