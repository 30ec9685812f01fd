using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;

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

    /// <summary>Every file of <paramref name="restored"/>, read where it landed (a link is not followed: it is the
    /// entry itself that was restored).</summary>
    public static AmandaRestoredSet Of(Snapshot snapshot, RestoredFiles restored)
    {
        var files = restored.Files.Select(path =>
        {
            var location = restored.Area.PathOf(path);
            using var stream = RawFiles.OpenRead(location);
            var facts = FileFacts.Of(stream.SafeFileHandle);
            var entry = new TreeEntry(path.ToString().TrimStart('/'), facts.IsRegular ? EntryKind.RegularFile : EntryKind.Other, facts.Size,
                new DateTimeOffset(facts.ModifiedUtc, TimeSpan.Zero));
            return new File(entry, location);
        }).ToList();
        return new AmandaRestoredSet(snapshot, restored, files);
    }
}
