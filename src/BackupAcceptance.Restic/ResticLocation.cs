using System.Text.RegularExpressions;

namespace BackupAcceptance.Restic;

/// <summary>A repository's location as it may be shown: a password in its URL (rest:https://user:secret@host/, the only
/// way restic 0.14 takes a REST server's credentials) is replaced before it reaches a message, a transcript or a report.</summary>
public static partial class ResticLocation
{
    [GeneratedRegex(@"(://[^/@:]*):[^/@]*@")]
    private static partial Regex Credentials();

    public static string Shown(string location) => Credentials().Replace(location, "$1:***@");
}
