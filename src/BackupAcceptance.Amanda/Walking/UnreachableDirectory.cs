using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>A directory the walk listed but amrecover would not enter, with amrecover's answer: its subtree is unwalked.</summary>
public sealed record UnreachableDirectory(RawPath Path, string Reply)
{
    public override string ToString() => $"{Path}/ ({Reply})";
}
