namespace BackupAcceptance.Core.Sources;

/// <summary>Which files of one backup a restore brings back: a seeded random pick of files, or one named file.</summary>
public abstract record FileChoice
{
    private FileChoice()
    {
    }

    /// <summary><paramref name="Count"/> files drawn with <paramref name="Seed"/>: the same backup and seed draw the same files.</summary>
    public sealed record Random(int Count, int Seed) : FileChoice;

    /// <summary>The file at <paramref name="Path"/>, relative to the subject ("ssh/sshd_config").</summary>
    public sealed record Named(string Path) : FileChoice;
}
