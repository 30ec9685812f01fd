namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Hands out names that are unique within one scope (fixtures of a catalog, tests of a feature).
/// Two features or scenarios with the same title would otherwise get the same NUnit FullName,
/// and the adapter would merge or mis-report their results.
/// </summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string name)
    {
        var candidate = name;
        for (var suffix = 2; !_taken.Add(candidate); suffix++)
            candidate = $"{name}_{suffix}";

        return candidate;
    }
}
