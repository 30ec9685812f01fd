using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Bench;

/// <summary>
/// The suite's index audit (<see cref="IndexAudit"/>), asked before the bench's first <c>setdisk</c> of a disk: the
/// bench drives amrecover outside the suite's session pool, and amindexd's first browse replaces an index file the
/// dump user cannot read with an empty gzip, and re-compresses a cut-short one. A disk the audit refuses is not
/// browsed at all.
/// </summary>
public sealed class BenchIndexCheck
{
    private readonly IndexAudit _audit = new(new IndexRoots());

    /// <returns>Null when the disk may be browsed (the audit passed, or could not see the index files), else why not,
    /// in the suite's words.</returns>
    public async Task<string?> RefusalAsync(BenchDisk disk, CancellationToken cancellationToken)
    {
        try
        {
            var note = await _audit.RunAsync(new BackupTarget(disk.Config, disk.Host, disk.Disk), cancellationToken);
            Console.WriteLine($"bench: {disk}: {note}");
            return null;
        }
        catch (ExpectationFailedException refused)
        {
            return refused.Message;
        }
        catch (AmandaReplyException damaged)
        {
            return damaged.Message;
        }
        catch (ArgumentException word)
        {
            return word.Message; // a config, host or disk amrecover is never given (WordRules)
        }
    }
}
