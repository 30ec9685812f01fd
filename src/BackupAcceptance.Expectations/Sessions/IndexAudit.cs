using BackupAcceptance.Core.Failures;
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
        if (files is null) return NotVisible(where);
        // First: gzip -t runs as this user (root), who reads what the dump user may not.
        var access = await AccessAsync(target, where, cancellationToken);
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
            if (await IndexDirectory.GzipProblemAsync(file, cancellationToken) is { } problem)
                throw new AmandaReplyException(AmandaErrorKind.IndexMissing, "gzip -t",
                    $"the index file {file}{(index > 0 ? ", an older dump than the latest," : "")} is damaged: {problem.ReplaceLineEndings(" ")}", "");
        return Passed(files.Count, where, access);
    }

    /// <summary>Disks audited per batch: one <c>stat</c> and one <c>gzip -t</c> each, their arguments well under the
    /// kernel's limit.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// <see cref="RunAsync"/> for many disks at once (an estate): the same checks, with one <c>stat</c> and one
    /// <c>gzip -t</c> per <see cref="BatchSize"/> disks instead of two processes a disk. Only what passed is answered:
    /// a disk whose files any check finds wrong, or a batch whose run failed, is left out, for
    /// <see cref="RunAsync"/> to audit alone and name exactly.
    /// </summary>
    /// <returns>For each disk that passed, or whose index this machine cannot see, the note <see cref="RunAsync"/> gives.</returns>
    public async Task<IReadOnlyDictionary<BackupTarget, string>> RunManyAsync(IReadOnlyList<BackupTarget> targets, CancellationToken cancellationToken)
    {
        var notes = new Dictionary<BackupTarget, string>();
        var seen = new List<(BackupTarget Target, IReadOnlyList<IndexFile> Files, string Where)>();
        foreach (var target in targets.Distinct())
        {
            var (files, where) = await IndexDirectory.FindAsync(target.Config, target.Host, target.Disk, cancellationToken, roots);
            if (files is null) notes[target] = NotVisible(where);
            else seen.Add((target, files, where));
        }
        foreach (var config in seen.GroupBy(s => s.Target.Config))
        {
            var (user, why) = await DumpUserAsync(config.Key, cancellationToken);
            foreach (var batch in config.Chunk(BatchSize))
            {
                var passed = user is null ? batch.ToList() : await AccessibleAsync(batch, user, cancellationToken);
                passed = await GzipCleanAsync(passed, cancellationToken);
                foreach (var disk in passed)
                    notes[disk.Target] = Passed(disk.Files.Count, disk.Where, user is null ? $"the dump user's access not checked ({why})" : Readable(user));
            }
        }
        return notes;
    }

    /// <summary>The disks whose index files all pass <c>gzip -t</c>: all at once, and where one fails, each half again
    /// (a damaged disk costs a few more runs, not one a disk).</summary>
    private static async Task<List<(BackupTarget Target, IReadOnlyList<IndexFile> Files, string Where)>> GzipCleanAsync(
        List<(BackupTarget Target, IReadOnlyList<IndexFile> Files, string Where)> disks, CancellationToken cancellationToken)
    {
        var clean = await IndexDirectory.AllGzipCleanAsync([.. disks.SelectMany(d => d.Files.Select(f => f.Path))], cancellationToken);
        if (clean == true) return disks;
        if (disks.Count == 1 || clean is null) return []; // damaged (or gzip was stopped): the disk alone says which
        var half = disks.Count / 2;
        return [.. await GzipCleanAsync(disks[..half], cancellationToken), .. await GzipCleanAsync(disks[half..], cancellationToken)];
    }

    /// <summary>The disks of <paramref name="batch"/> whose index the dump user may read, from one <c>stat</c> of them all.</summary>
    private static async Task<List<(BackupTarget Target, IReadOnlyList<IndexFile> Files, string Where)>> AccessibleAsync(
        IReadOnlyList<(BackupTarget Target, IReadOnlyList<IndexFile> Files, string Where)> batch, DumpUserIdentity user, CancellationToken cancellationToken)
    {
        try
        {
            var needs = batch.Select(d => IndexAccess.Needs(d.Where, IndexAccess.DumpFiles(Directory.EnumerateFiles(d.Where)))).ToList();
            var statuses = await PathStatus.ReadAsync([.. needs.SelectMany(n => n.Select(p => p.Path))], cancellationToken);
            if (statuses.Count != needs.Sum(n => n.Count)) return [];
            var accessible = new List<(BackupTarget, IReadOnlyList<IndexFile>, string)>();
            var at = 0;
            foreach (var (disk, need) in batch.Zip(needs))
            {
                var paths = statuses.Skip(at).Take(need.Count).Zip(need, (status, n) => (status, n.Need)).ToList();
                at += need.Count;
                if (IndexAccess.Problems(paths, user).Count == 0) accessible.Add(disk);
            }
            return accessible;
        }
        catch (Exception unseen) when (unseen is IOException or UnauthorizedAccessException)
        {
            return []; // each disk alone says what it could not look at
        }
    }

    private static string NotVisible(string where) =>
        $"index files not checked ({where}); through amrecover alone a cut-short index looks like a smaller dump";

    private static string Passed(int files, string where, string access) => $"{files} index file(s) in {where} passed gzip -t; {access}";

    private const string CanRead = "can read them (owner, group and mode; ACLs not read)";

    private static string Readable(DumpUserIdentity user) => $"the dump user {user.Name} {CanRead}";

    /// <summary>Whether an audit's note says the dump user's access was checked and found sufficient (not "not
    /// checked", not "not visible").</summary>
    public static bool ConfirmsAccess(string note) => note.EndsWith(CanRead, StringComparison.Ordinal);

    private Task<(DumpUserIdentity? User, string Why)> DumpUserAsync(string config, CancellationToken cancellationToken) =>
        _dumpUsers.GetOrAdd(config, c => DumpUserIdentity.ForAsync(c, CancellationToken.None, roots.Parameters)).WaitAsync(cancellationToken);

    private async Task<string> AccessAsync(BackupTarget target, string directory, CancellationToken cancellationToken)
    {
        var (user, why) = await DumpUserAsync(target.Config, cancellationToken);
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
        if (problems.Count == 0) return Readable(user);
        throw new ExpectationFailedException(FailureCategory.AmandaUnreachable, target, null,
            $"the dump user {user.Name}, as whom amindexd runs, to be able to read the disk's index (given an index file " +
            "it cannot read, amindexd replaces it with an empty gzip on the first browse: the disk was not browsed)",
            string.Join("; ", problems), "");
    }
}
