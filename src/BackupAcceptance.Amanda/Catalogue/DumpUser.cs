namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>Amanda's server tools (amadmin, amfetchdump) refuse root: root runs them as the configuration's dump user.</summary>
public static class DumpUser
{
    /// <returns>The words to run (unchanged for any user but root), or null with why they cannot run.</returns>
    /// <param name="parameters">The run's amgetconf answers, if it keeps them.</param>
    public static async Task<(string[]? Words, string Why)> CommandAsync(string config, string[] words, CancellationToken cancellationToken,
        AmandaParameters? parameters = null)
    {
        if (Environment.UserName != "root") return (words, "");
        var (dumpUser, why) = parameters is null
            ? await AmandaParameter.GetAsync(config, "dumpuser", cancellationToken)
            : await parameters.GetAsync(config, "dumpuser", cancellationToken);
        if (dumpUser is null or "root")
            return (null, dumpUser is null ? why : $"amgetconf {config} dumpuser gave root, whom {words[0]} refuses");
        // In /: the test host's folder may be closed to the dump user (a build under run.sh's umask 077 is 0700), and
        // amfetchdump exits "Cannot chdir to ..." before it reads a byte.
        return (["runuser", "-u", dumpUser, "--", "env", "--chdir=/", .. words], "");
    }
}
