using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Restoring;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Files a scenario restored: where they came from (disk, dump, seed) and the private area they are in.</summary>
public sealed class RestoredFiles(BackupTarget target, DumpDate? dumpDate, int? seed, IReadOnlyList<RawPath> files, RestoreArea area,
    string? chosenHow = null, IReadOnlyList<RawPath>? regularFiles = null)
    : IAsyncDisposable
{
    public BackupTarget Target => target;

    public DumpDate? DumpDate => dumpDate;

    /// <summary>The seed that chose them, when they were chosen at random.</summary>
    public int? Seed => seed;

    public IReadOnlyList<RawPath> Files => files;

    /// <summary>How random files were chosen (uniformly from a whole count, or by random descent), for the report.</summary>
    public string? ChosenHow => chosenHow;

    public RestoreArea Area => area;

    /// <summary>A whole-disk restore: <see cref="Files"/> is the dump's whole listing, and these are the ones restored as
    /// regular files (symbolic links, FIFOs and devices are listed as files too, but hold no bytes to compare).</summary>
    public IReadOnlyList<RawPath>? RegularFiles => regularFiles;

    public bool IsWholeDisk => regularFiles is not null;

    public ValueTask DisposeAsync() => area.DisposeAsync();
}
