using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// What a config, host or disk word may be before it reaches amrecover's command line or its commands. amrecover
/// takes its first argument as the config only when it does not start with '-' and reads anything else as options
/// (<c>-odebug_amrecover=9</c> set a client option and ran the default config; <c>-sevil.invalid</c> chose another
/// index server), and it does not honour <c>--</c>: with <c>--</c> first it prints its usage and exits 1 (tried on
/// Amanda 3.5.1). So a word starting with '-' is refused, never passed. A config names a directory under
/// /etc/amanda on the server (amindexd opens CONFIG_DIR/NAME/amanda.conf): no '/', no "." or "..". Control
/// characters are never sent (readline acts on them); whitespace and quotes in a config or host would be read as
/// syntax or split a protocol line. A disk may hold spaces and quotes: amrecover reads it inside the double quotes
/// the suite always puts around it (<see cref="AmrecoverArgument"/>).
/// </summary>
public static class WordRules
{
    /// <summary>Why <paramref name="config"/> is not a plain Amanda config name, or null when it is one.</summary>
    public static string? ConfigProblem(string config) =>
        Common(config)
        ?? (config is "." or ".." ? "is not a directory name under /etc/amanda" : null)
        ?? (config.Contains('/', StringComparison.Ordinal) ? "holds '/': a config is one directory name under /etc/amanda" : null)
        ?? Spaceless(config)
        ?? Unquoted(config);

    /// <summary>Why <paramref name="host"/> cannot be a host of a disklist, or null.</summary>
    public static string? HostProblem(string host) => Common(host) ?? Spaceless(host) ?? Unquoted(host);

    /// <summary>Why <paramref name="disk"/> cannot be a disk (DLE) name to send, or null. Spaces and quotes are fine.</summary>
    public static string? DiskProblem(string disk) => Common(disk);

    /// <summary>The word as it can be shown in a message: control characters as \n, \t or \u001b, never raw.</summary>
    public static string Printable(string word)
    {
        var shown = new StringBuilder(word.Length + 8);
        foreach (var ch in word)
        {
            shown.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:x4}",
                _ => ch.ToString(),
            });
        }
        return shown.ToString();
    }

    /// <summary>The last line of defence, where the command line is built: a word that amrecover would read as an
    /// option never becomes an argument, whatever the layers above let through.</summary>
    /// <exception cref="ArgumentException">The word starts with '-' or holds a control character.</exception>
    public static string RequireArgument(string word, string what)
    {
        if (word.StartsWith('-') || word.Any(char.IsControl) || word.Length == 0)
            throw new ArgumentException(
                $"The {what} '{Printable(word)}' is not passed to amrecover: it is empty, starts with '-' (amrecover would read it as an option) or holds a control character.",
                what);
        return word;
    }

    private static string? Common(string word)
    {
        if (word.Length == 0) return "is empty";
        if (word.StartsWith('-')) return "starts with '-': amrecover would read it as an option, and it does not honour '--'";
        foreach (var ch in word)
        {
            if (char.IsControl(ch)) return $"holds the control character U+{(int)ch:X4}, which is never sent to amrecover";
        }
        return null;
    }

    private static string? Spaceless(string word) =>
        word.Any(char.IsWhiteSpace) ? "holds whitespace: amrecover reads it as two words" : null;

    private static string? Unquoted(string word) =>
        word.IndexOfAny(['"', '\'', '\\']) >= 0 ? "holds a quote or backslash, which amrecover reads as quoting" : null;
}
