using BackupAcceptance.Core.Failures;

namespace BackupAcceptance.Core.Sources;

/// <summary>The backup system refused or failed, in its own words, already sorted into a category (a repository
/// that cannot be opened, one whose data does not read back). The checks turn it into the reader's sentence.</summary>
public sealed class SourceRefusedException(FailureCategory category, string expected, string found, Exception? inner = null)
    : Exception($"{category.Title()}: expected {expected}; found {found}", inner)
{
    public FailureCategory Category { get; } = category;

    public string Expected { get; } = expected;

    public string Found { get; } = found;
}
