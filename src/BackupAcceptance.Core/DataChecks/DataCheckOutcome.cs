namespace BackupAcceptance.Core.DataChecks;

/// <summary>What a data check's command said and how it ran, for the report.</summary>
/// <param name="Output">Its output's kept tail, or a note that it was withheld (it quoted the restored data).</param>
/// <param name="PrivatePlaces">The shared places it saw as private folders of its own (none without namespaces).</param>
/// <param name="LeftOut">Entries of a restored directory left out of its copy: links and special files, which would
/// lead the command to what they name (a live file, a device), never to restored data.</param>
public sealed record DataCheckOutcome(string Command, int ExitCode, string Output, bool NetworkIsolated, TimeSpan Took,
    IReadOnlyList<string> PrivatePlaces, long OutputBytes, int LeftOut);
