namespace BackupAcceptance.Amanda.Restoring;

/// <summary>What one <c>extract</c> said: its whole output, and the paths tar reported restoring (<c>./a/b</c>).</summary>
public sealed record ExtractReport(string Output, IReadOnlyList<string> TarLines);
