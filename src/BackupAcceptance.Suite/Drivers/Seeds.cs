namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// Seeds for sampling and random restores: a step's own seed, else BACKUP_ACCEPTANCE_SEED, else a fresh one. The
/// seed is always printed and attached, so any run can be replayed exactly.
/// </summary>
public static class Seeds
{
    public static int Resolve(int? fromStep)
    {
        if (fromStep is { } seed) return seed;
        var configured = Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_SEED");
        if (string.IsNullOrWhiteSpace(configured)) return Random.Shared.Next();
        return int.TryParse(configured, out var parsed)
            ? parsed
            : throw new ArgumentException($"BACKUP_ACCEPTANCE_SEED='{configured}' is not a whole number.");
    }

    public static string Replay(int seed) => $"seed {seed} (replay with BACKUP_ACCEPTANCE_SEED={seed})";
}
