namespace BackupAcceptance.Amanda.Walking;

/// <summary>
/// What a sampled walk saw and what it infers. <see cref="Seed"/> replays it exactly (same dump, same seed, same
/// budget). When the budget covered the whole tree, the counts are exact and their margins zero.
/// </summary>
public sealed record SampleResult(
    int Seed,
    int Probes,
    int DirectoriesListed,
    int FilesSeen,
    Estimate Files,
    Estimate Directories,
    IReadOnlyList<WalkedEntry> SeenFiles,
    IReadOnlyList<UnreachableDirectory> Unreachable,
    TimeSpan Elapsed)
{
    /// <summary>Every directory was listed: the counts are exact.</summary>
    public bool Complete => Files.IsCounted;

    public override string ToString() =>
        $"seed {Seed}: {Probes} probes listed {DirectoriesListed} directories in {Elapsed.TotalSeconds:0.0} s, saw {FilesSeen} files; " +
        $"estimated {Files} files in {Directories} directories";
}
