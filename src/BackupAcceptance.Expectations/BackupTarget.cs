using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Expectations;

/// <summary>What an expectation is about: one disk (DLE) of one host in one Amanda configuration. Its words are
/// checked here (<see cref="WordRules"/>), before any amrecover starts: a word amrecover would read as an option or
/// as syntax never makes a target.</summary>
public sealed record BackupTarget
{
    public BackupTarget(string config, string host, string disk)
    {
        Config = Require(config.Trim(), "config", WordRules.ConfigProblem);
        // "*": the estate's wildcard, never sent to amrecover.
        Host = Require(host.Trim(), "host", WordRules.HostProblem);
        Disk = Require(disk.Trim(), "disk", WordRules.DiskProblem);
    }

    public string Config { get; }

    public string Host { get; }

    public string Disk { get; }

    /// <summary>Every disk of a configuration at once (the whole-estate check).</summary>
    public static BackupTarget Estate(string config) => new(config, "*", "*");

    public bool IsEstate => Host == "*" && Disk == "*";

    /// <summary>The first word of a Given step that cannot be sent to amrecover, as "the config word 'X' starts with
    /// '-' ...", or null when all three can.</summary>
    public static string? Refusal(string config, string host, string disk) =>
        Why("config", config.Trim(), WordRules.ConfigProblem) ?? Why("host", host.Trim(), WordRules.HostProblem)
        ?? Why("disk", disk.Trim(), WordRules.DiskProblem);

    /// <summary>"ba-daily localhost:/etc": config, then Amanda's own host:disk notation.</summary>
    public override string ToString() => IsEstate ? $"{Config} (every disk)" : $"{Config} {Host}:{Disk}";

    private static string Require(string value, string what, Func<string, string?> problem) =>
        Why(what, value, problem) is { } why ? throw new ArgumentException($"Input error: {why}.", what) : value;

    private static string? Why(string what, string value, Func<string, string?> problem) =>
        problem(value) is { } why ? $"the {what} word '{WordRules.Printable(value)}' {why}" : null;
}
