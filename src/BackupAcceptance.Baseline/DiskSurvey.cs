using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Amanda.Text;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Checks;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Baseline;

/// <summary>
/// Reads what a baseline needs of each disk through the suite's own checks (the same counts the scenarios will take):
/// the latest dump's files, directories and top-level names, and the count of the dump before it. Read-only.
/// </summary>
public sealed class DiskSurvey(SessionPool pool)
{
    /// <summary>Every disk of the configuration (<c>listhost</c>, <c>listdisk</c>), of one host when given, in a
    /// stable order.</summary>
    /// <exception cref="ExpectationFailedException">The configuration cannot be read at all, or has no such host.</exception>
    public async Task<IReadOnlyList<BackupTarget>> DisksAsync(string config, string? host, CancellationToken cancellationToken)
    {
        var disks = await EstateCheck.DisksAsync(pool, config, cancellationToken);
        var chosen = disks.Where(d => host is null || string.Equals(d.Host, host, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.Host, StringComparer.Ordinal).ThenBy(d => d.Disk, StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
            throw new ExpectationFailedException(FailureCategory.InputError, BackupTarget.Estate(config), null,
                host is null ? "at least one disk" : $"disks of host {host}",
                $"none (hosts: {string.Join(", ", disks.Select(d => d.Host).Distinct())})", "");
        return chosen;
    }

    public async Task<DiskFacts> ReadAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await using var lease = await pool.RentAsync(target, cancellationToken);
            var latest = await DiskCount.WalkAsync(lease, cancellationToken);
            if (latest.Summary.DumpDate is not { } date) return DiskFacts.CannotRead(target, "amrecover shows no dump of it");
            var files = latest.Files.ToHashSet();
            var topLevel = latest.Paths.Where(p => p.Components.Count == 1)
                .Select(p => TableCell(p.Name, isDirectory: !files.Contains(p)))
                .OfType<string>().Order(StringComparer.Ordinal).ToList();
            return new DiskFacts(target, date, latest.Summary.Files, latest.Summary.Directories,
                await PreviousAsync(lease, date, cancellationToken), topLevel);
        }
        catch (ExpectationFailedException failure)
        {
            return DiskFacts.CannotRead(target, $"{failure.Category.Title()}: {failure.Found}");
        }
        catch (AmrecoverException failure)
        {
            return DiskFacts.CannotRead(target, $"amrecover: {failure.Message}");
        }
    }

    private static async Task<PreviousDump?> PreviousAsync(SessionLease lease, Amanda.Listing.DumpDate latest, CancellationToken cancellationToken)
    {
        var history = await lease.HistoryAsync(cancellationToken);
        var before = history.Where(r => r.Date.CompareTo(latest) < 0).MaxBy(r => r.Date);
        if (before is null) return null;
        try
        {
            await lease.ViewDumpAsync(before.Date, cancellationToken);
            var previous = await DiskCount.WalkAsync(lease, cancellationToken, before.Date);
            return new PreviousDump(before.Date, previous.Summary.Files);
        }
        catch (Exception unreadable) when (unreadable is ExpectationFailedException or AmrecoverException)
        {
            var why = unreadable is ExpectationFailedException failure ? $"{failure.Category.Title()}: {failure.Found}" : unreadable.Message;
            return new PreviousDump(before.Date, null, why);
        }
    }

    /// <summary>A name as a cell of "these paths" (Gherkin escapes | and \ in cells, and trims spaces), or null for a
    /// name a table cell cannot carry as it is (control characters, bytes that are not UTF-8, spaces at either end).</summary>
    public static string? TableCell(RawName name, bool isDirectory)
    {
        var text = name.Display;
        if (RawName.FromDisplay(text) != name || text.Any(char.IsControl) || text != text.Trim() || text.Length == 0) return null;
        return text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + (isDirectory ? "/" : "");
    }
}
