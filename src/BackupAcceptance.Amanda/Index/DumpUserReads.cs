using BackupAcceptance.Amanda.Catalogue;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Index;

/// <summary>
/// Which index files the dump user (as whom amindexd runs) cannot open for reading, as the kernel decides it, ACLs
/// included: one <c>find PATHS -maxdepth 0 ! -readable</c> run as the dump user for a batch (access(2), where the
/// index audit reads owner, group and mode only).
/// </summary>
public static class DumpUserReads
{
    /// <summary>Paths per run, well under the kernel's argument limit.</summary>
    public const int BatchSize = 500;

    /// <returns>Those of <paramref name="files"/> it cannot read; null when that could not be learnt (no dump user known,
    /// a path it cannot even reach, find missing): then none of them is known readable.</returns>
    public static async Task<IReadOnlySet<string>?> UnreadableAsync(string config, IReadOnlyList<string> files, CancellationToken cancellationToken,
        AmandaParameters? parameters = null)
    {
        if (files.Count == 0) return new HashSet<string>();
        if (files.Any(f => !f.StartsWith('/'))) return null; // find would read a word starting with '-' as a test
        var (words, _) = await DumpUser.CommandAsync(config, ["find", .. files, "-maxdepth", "0", "!", "-readable", "-print0"], cancellationToken, parameters);
        if (words is null) return null;
        try
        {
            var result = await Cli.Wrap(words[0]).WithArguments(words[1..]).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            return result.ExitCode == 0 ? result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
