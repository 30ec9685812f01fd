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
        // Newest first: pids come round again, and a day of test runs leaves thousands of logs with old ones.
        var log = new DirectoryInfo(directory).EnumerateFiles("amrecover.*.debug")
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .Select(file => File.ReadAllText(file.FullName, Encoding.Latin1))
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
