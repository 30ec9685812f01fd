using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// Seeds for sampling and random restores: a step's own seed, else BACKUP_ACCEPTANCE_SEED, else a fresh one. The
/// seed is always printed and attached, so any run can be replayed exactly.
/// </summary>
public static class Seeds
{
    /// <param name="settings">The run's settings: BACKUP_ACCEPTANCE_SEED, checked at the run's start to be a whole number.</param>
    public static int Resolve(int? fromStep, RunSettings settings) =>
        fromStep ?? (settings.Number(SettingCatalogue.Seed) is { } configured ? (int)configured : Random.Shared.Next());

    public static string Replay(int seed) => $"seed {seed} (replay with BACKUP_ACCEPTANCE_SEED={seed})";
}
