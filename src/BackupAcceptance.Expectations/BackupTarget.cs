using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations;

/// <summary>What an expectation is about: one disk (DLE) of one host in one Amanda configuration.</summary>
public sealed record BackupTarget
{
    public BackupTarget(string config, string host, string disk)
    {
        Config = Require(config, nameof(config), allowSpaces: false);
        Host = Require(host, nameof(host), allowSpaces: false);
        Disk = Require(disk, nameof(disk), allowSpaces: true);
    }

    public string Config { get; }

    public string Host { get; }

    public string Disk { get; }

    /// <summary>Every disk of a configuration at once (the whole-estate check).</summary>
    public static BackupTarget Estate(string config) => new(config, "*", "*");

    public bool IsEstate => Host == "*" && Disk == "*";

    /// <summary>"daily localhost:/etc": config, then Amanda's own host:disk notation.</summary>
    public override string ToString() => IsEstate ? $"{Config} (every disk)" : $"{Config} {Host}:{Disk}";

    private static string Require(string value, string what, bool allowSpaces)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0) throw new ArgumentException($"The {what} must not be empty.", what);
        if (ControlCharacters.AnyIn(trimmed) || (!allowSpaces && trimmed.Any(char.IsWhiteSpace)))
            throw new ArgumentException($"The {what} '{trimmed}' contains a space or control character.", what);
        return trimmed;
    }
}
