using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// Files amrecover restored, as the core's rules see them: each entry's size and modification time are the restored
/// file's own (tar writes them as dumped; the index holds neither), its path as amrecover names it. What only Amanda's
/// checks read (the raw names, the DLE the live side is read by, how the files were drawn) stays in
/// <see cref="Amanda"/>.
/// </summary>
public sealed class AmandaRestoredSet : RestoredSet
{
    private AmandaRestoredSet(Snapshot snapshot, RestoredFiles amanda, IReadOnlyList<File> files)
        : base(snapshot, amanda.Area, files, amanda.Seed, amanda.ChosenHow) => Amanda = amanda;

    public RestoredFiles Amanda { get; }

    /// <summary>Every file of <paramref name="restored"/>, as it landed (a symbolic link is an entry of its own kind, not
    /// followed: amrecover lists links as files). One that is not there is a restore mismatch, as the check that every
    /// file was restored (<see cref="RestoreCheck.RequireAllRestored"/>) judges it.</summary>
    public static AmandaRestoredSet Of(Snapshot snapshot, RestoredFiles restored, string transcriptTail)
    {
        if (restored.DumpDate is { } dump && dump.Value != Sources.AmandaDiskHistory.DateOf(snapshot).Value)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, restored.Target, dump, $"files of the dump chosen, {snapshot.Id}",
                $"the restore read the dump {dump}", transcriptTail);
        var files = restored.Files.Select(path =>
        {
            var location = restored.Area.PathOf(path);
            FileFacts facts;
            try
            {
                facts = FileFacts.OfPath(location);
            }
            catch (IOException unreadable)
            {
                throw new ExpectationFailedException(FailureCategory.RestoreMismatch, restored.Target, restored.DumpDate, $"{path} in the restore area",
                    $"it cannot be read there ({unreadable.Message})", transcriptTail, unreadable);
            }
            var entry = new TreeEntry(path.ToString().TrimStart('/'), facts.IsRegular ? EntryKind.RegularFile : EntryKind.Other, facts.Size,
                new DateTimeOffset(facts.ModifiedUtc, TimeSpan.Zero));
            return new File(entry, location);
        }).ToList();
        return new AmandaRestoredSet(snapshot, restored, files);
    }
}
