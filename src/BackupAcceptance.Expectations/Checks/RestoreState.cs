using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// What a restore of the dump in view gives: the disk as it stood when that dump was taken. For a level 0 it is the
/// dump's listing. For an incremental it is not amrecover's merged listing (every name any dump of the chain holds,
/// names deleted before the incremental included) but the incremental's own directory records (docs/dump-model.md).
/// </summary>
/// <param name="Dump">The dump whose state this is (the newest of the chain a restore reads).</param>
/// <param name="Level">That dump's level.</param>
/// <param name="How">Where the state came from, for the report.</param>
public sealed record RestoreState(DumpDate? Dump, int Level, IReadOnlySet<RawPath> Files, IReadOnlySet<RawPath> Directories, string How)
{
    /// <summary>For a failure message: nothing for a level 0 (its state is the listing everyone sees), else where the
    /// state came from, since it differs from what amrecover lists.</summary>
    public string Note => Level == 0 ? "" : $"; the state a restore gives, from {How}";
}
