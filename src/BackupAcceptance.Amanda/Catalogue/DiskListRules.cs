namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// A DLE's exclude (or include) rules: patterns written in the disklist (<c>exclude file</c>) and files holding one
/// pattern per line (<c>exclude list</c>, relative to the device when not absolute). Amanda keeps one
/// <c>optional</c> flag for both kinds; set, a list file that does not exist is no error.
/// </summary>
public sealed record DiskListRules(IReadOnlyList<string> Files, IReadOnlyList<string> Lists, bool Optional)
{
    public static readonly DiskListRules None = new([], [], false);

    public bool IsEmpty => Files.Count == 0 && Lists.Count == 0;

    // Records compare lists by reference; rules are values.
    public bool Equals(DiskListRules? other) =>
        other is not null && Files.SequenceEqual(other.Files) && Lists.SequenceEqual(other.Lists) && Optional == other.Optional;

    public override int GetHashCode() => HashCode.Combine(Files.Count, Lists.Count, Optional);

    public override string ToString() =>
        IsEmpty ? "none" : string.Join(", ", Files.Select(f => $"file \"{f}\"").Concat(Lists.Select(l => $"list \"{l}\""))) + (Optional ? " (optional)" : "");
}
