using System.Text;
using System.Text.RegularExpressions;

namespace BackupAcceptance.Tests.Support;

/// <summary>
/// amrecover's own debug log (/var/log/amanda/client/CONFIG/amrecover.*.debug) records every line it read at its
/// prompt as <c>user command: '…'</c>. It is the independent witness of what the driver really sent.
/// </summary>
internal static partial class AmrecoverDebugLog
{
    [GeneratedRegex(@"user command: '(.*)'$")]
    private static partial Regex UserCommand();

    public static IReadOnlyList<string> UserCommands(string config, int processId)
    {
        var marker = $": pid {processId}: ";
        var directory = $"/var/log/amanda/client/{config}";
        var log = Directory.EnumerateFiles(directory, "amrecover.*.debug")
            .Select(path => File.ReadAllText(path, Encoding.Latin1))
            .FirstOrDefault(text => text.Contains(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No amrecover debug log of pid {processId} in {directory}.");
        return log.Split('\n')
            .Where(line => line.Contains(marker, StringComparison.Ordinal))
            .Select(line => UserCommand().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToList();
    }
}
