using BackupAcceptance.Amanda.Listing;

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
    TimeSpan Elapsed,
    DumpDate? DumpDate = null)
{
    /// <summary>Every directory was listed: the counts are exact.</summary>
    public bool Complete => Files.IsCounted;

    /// <summary>Probes below which the spread between them says too little for a 95% bound (Knuth's estimates are
    /// heavy-tailed): such a sample vouches only for the files it saw.</summary>
    public const int MinimumProbesForBound = 30;

    /// <summary>The fewest files the sample vouches for: every file it saw, or, from <see cref="MinimumProbesForBound"/>
    /// probes on, the estimate's lower 95% bound if that is more.</summary>
    public double LowerBound => Files.IsCounted ? Files.Value
        : Probes >= MinimumProbesForBound ? Math.Max(FilesSeen, Files.Value - Files.Margin) : FilesSeen;

    public override string ToString() =>
        $"seed {Seed}: {Probes} probes listed {DirectoriesListed} directories in {Elapsed.TotalSeconds:0.0} s, saw {FilesSeen} files; " +
        $"estimated {Files} files in {Directories} directories";
}
