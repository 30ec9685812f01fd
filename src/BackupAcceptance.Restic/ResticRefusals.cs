using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Restic;

/// <summary>
/// restic's own words on stderr, sorted into the core's categories. A repository that cannot be opened (none there,
/// the wrong password, none given) is unreachable: the run is broken, not the backup. Data that does not read back
/// (a pack missing or failing its MAC) is a damaged repository: the backup is bad. Words not known here leave a
/// failed read on the repository, and a failed listing of snapshots on the set-up.
/// </summary>
public static class ResticRefusals
{
    private static readonly string[] Unreachable =
    [
        "unable to open config file", "Is there a repository at the following location", "wrong password or no key found",
        "empty password", "unable to open repository", "repository does not exist", "invalid backend",
    ];

    private static readonly string[] Damaged =
    [
        "ciphertext verification failed", "not found in index", "LoadBlob", "hash mismatch", "repository contains errors",
        "decrypting blob", "does not match", "invalid data returned", "LoadIndex returned errors", "not found in repository",
        "returned invalid hash", "decompressing blob", "cannot load subtree", "having size 0",
    ];

    /// <summary>Whether restic's words say the repository could not be opened at all.</summary>
    public static bool IsUnreachable(string stderr) => Unreachable.Any(w => stderr.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The lines of a listing that left snapshots out ("could not load snapshot ...", "Ignoring ..."), or null.</summary>
    public static string? SkippedSnapshots(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("could not load snapshot", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Ignoring", StringComparison.Ordinal)).ToList();
        return lines.Count == 0 ? null : $"restic left {lines.Count} snapshot(s) out of its listing: {string.Join(" / ", lines.Take(3))}";
    }

    /// <param name="reading">True for a read of data (ls, dump), false for opening the repository (snapshots).</param>
    public static SourceRefusedException Of(string location, string command, int exitCode, string stderr, bool reading)
    {
        var words = LastWords(stderr);
        if (IsUnreachable(stderr))
            return new(FailureCategory.RepositoryUnreachable, $"a restic repository at {location} that opens with the password given",
                $"restic {command} failed (exit {exitCode}): {words}");
        if (reading || Damaged.Any(w => stderr.Contains(w, StringComparison.OrdinalIgnoreCase)))
            return new(FailureCategory.RepositoryDamaged, $"restic {command} to read the repository's data back",
                $"it failed (exit {exitCode}): {words}");
        return new(FailureCategory.RepositoryUnreachable, $"restic {command} to answer from {location}", $"it failed (exit {exitCode}): {words}");
    }

    /// <summary>A whole restore that restic ended with errors: data that did not read back is the repository's; any
    /// other error ("ignoring error for ...": a full disk, a device file it may not make, a permission) is the
    /// restore area's, a broken run, not a bad backup.</summary>
    public static SourceRefusedException OfRestore(string location, int exitCode, string stderr)
    {
        if (IsUnreachable(stderr) || Damaged.Any(w => stderr.Contains(w, StringComparison.OrdinalIgnoreCase)))
            return Of(location, "restore", exitCode, stderr, reading: true);
        return new(FailureCategory.RestoreFailed, "restic restore to write the snapshot into the restore area",
            $"it failed (exit {exitCode}): {LastWords(stderr)}");
    }

    /// <summary>The last lines restic wrote, for the sentence (its "Fatal: ..." line is the last), without the Go
    /// stack trace it prints after an error it did not expect (a failed decryption in ls: frames, files and lines).</summary>
    public static string LastWords(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !IsStackFrame(line))
            .Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        return lines.Count == 0 ? "no words on stderr" : string.Join(" / ", lines.TakeLast(3));
    }

    /// <summary>A line of a Go stack trace: a frame's function, or its file and line (indented).</summary>
    public static bool IsStackFrame(string line) =>
        line.StartsWith('\t') || line.Contains(".go:", StringComparison.Ordinal) || GoFrame.IsMatch(line.TrimEnd('\r'));

    /// <summary>A stack frame's function line: "github.com/restic/restic/internal/walker.walk", "main.main()".</summary>
    private static readonly System.Text.RegularExpressions.Regex GoFrame = new(@"^[\w.\-]+(/[\w.\-]+)*\.[\w.()*]+(\(.*\))?$");
}
