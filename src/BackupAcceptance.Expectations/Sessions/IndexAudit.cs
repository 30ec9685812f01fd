using System.Collections.Concurrent;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Sessions;

/// <summary>
/// What the pool asks of a disk's index files before the disk is first browsed in a run, where this machine can see
/// them (the Amanda server, as root or the dump user). Two things amindexd would otherwise destroy on that browse:
/// an index file the dump user cannot read is replaced by an empty gzip (so: a server misconfiguration, refused by
/// name, and the disk is not browsed), and a cut-short index is re-compressed into a whole, smaller one (so: gzip -t,
/// a damaged index). Off the server nothing is visible and nothing is said but that.
/// </summary>
public sealed class IndexAudit(IndexRoots roots)
{
    private readonly ConcurrentDictionary<string, Task<(DumpUserIdentity? User, string Why)>> _dumpUsers = new(StringComparer.Ordinal);

    /// <returns>A note for the report: what was checked, or why it could not be.</returns>
    /// <exception cref="ExpectationFailedException">The dump user cannot read the index (Amanda unreachable or
    /// misconfigured), naming every path, its owner and mode, and the dump user.</exception>
    /// <exception cref="AmandaReplyException">A damaged file (<see cref="AmandaErrorKind.IndexMissing"/>), naming it.</exception>
    public async Task<string> RunAsync(BackupTarget target, CancellationToken cancellationToken)
    {
        var (files, where) = await IndexDirectory.FindAsync(target.Config, target.Host, target.Disk, cancellationToken, roots);
        if (files is null)
            return $"index files not checked ({where}); through amrecover alone a cut-short index looks like a smaller dump";
        // First: gzip -t runs as this user (root), who reads what the dump user may not.
        var access = await AccessAsync(target, where, cancellationToken);
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
            if (await IndexDirectory.GzipProblemAsync(file, cancellationToken) is { } problem)
                throw new AmandaReplyException(AmandaErrorKind.IndexMissing, "gzip -t",
                    $"the index file {file}{(index > 0 ? ", an older dump than the latest," : "")} is damaged: {problem.ReplaceLineEndings(" ")}", "");
        return $"{files.Count} index file(s) in {where} passed gzip -t; {access}";
    }

    private async Task<string> AccessAsync(BackupTarget target, string directory, CancellationToken cancellationToken)
    {
        var (user, why) = await _dumpUsers.GetOrAdd(target.Config, config => DumpUserIdentity.ForAsync(config, CancellationToken.None))
            .WaitAsync(cancellationToken);
        if (user is null) return $"the dump user's access not checked ({why})";
        IReadOnlyList<string> problems;
        try
        {
            problems = await IndexAccess.ProblemsAsync(directory, user, cancellationToken);
        }
        catch (Exception unseen) when (unseen is IOException or UnauthorizedAccessException)
        {
            return $"the dump user's access not checked ({unseen.Message})";
        }
        if (problems.Count == 0) return $"the dump user {user.Name} can read them (owner, group and mode; ACLs not read)";
        throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, null,
            $"the dump user {user.Name}, as whom amindexd runs, to be able to read the disk's index (given an index file " +
            "it cannot read, amindexd replaces it with an empty gzip on the first browse: the disk was not browsed)",
            string.Join("; ", problems), "");
    }
}
