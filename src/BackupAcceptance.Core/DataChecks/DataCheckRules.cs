using System.Text;
using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Core.DataChecks;

/// <summary>
/// Restored data checked by its own tool (<c>tar -tzf {}</c>, <c>gzip -t {}</c>, <c>nginx -t -p {}</c>), on any backup
/// system: the command's exit status decides, so the tool must say "bad" by its status (sqlite3's integrity_check may
/// exit 0 on a corrupt file: compare its output, <c>sh -c 'test "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok' _ {}</c>).
/// It runs without a shell (<see cref="CommandWords"/>), with an empty environment but a system PATH, as the
/// unprivileged user nobody, without network and in a PID namespace of its own where the kernel allows
/// (<see cref="DataCheckSandbox"/>), on a copy of the restored path made for it in a fresh private area, with a
/// timeout; <c>{}</c> in a word becomes the copy's path. The restore area itself stays root's, and what the command
/// does to its copy never reaches it.
/// </summary>
public static class DataCheckRules
{
    /// <summary>A file or directory of chosen files restored (<see cref="RestoreRules"/>).</summary>
    /// <param name="makeArea">Makes the sandbox's own private area (beside the restore area, under the trusted root).</param>
    public static Task<DataCheckOutcome> RequirePassesAsync(BackupInView view, RestoredSet restored, string path, string command, DataCheckLimit limit,
        Func<IPrivateArea> makeArea, CancellationToken cancellationToken)
    {
        var expected = Expected(path, command);
        var relative = RelativePath.Of(view, path);
        var located = restored.Files.FirstOrDefault(f => f.Entry.Path == relative)?.Location ?? DirectoryOf(restored, relative);
        if (located is null)
            throw view.Failure(FailureCategory.InputError, expected,
                $"/{relative} is not a restored file or a directory holding one (restored: {string.Join(", ", restored.Files.Take(5).Select(f => "/" + f.Entry.Path))})",
                about: restored.Snapshot);
        return RunAsync(view, restored.Snapshot, restored.Area, located, Named(relative, restored.Area), path, command, limit, makeArea, cancellationToken);
    }

    /// <summary>A file or directory of a whole restore (<see cref="WholeRestoreRules"/>); of a restore the core made from a
    /// listing, one the listing holds.</summary>
    public static Task<DataCheckOutcome> RequirePassesAsync(BackupInView view, RestoredWhole restored, string path, string command, DataCheckLimit limit,
        Func<IPrivateArea> makeArea, CancellationToken cancellationToken)
    {
        var relative = RelativePath.Of(view, path);
        if (restored is RestoredTree tree && relative.Length > 0 && tree.Tree.Find(relative) is null)
            throw view.Failure(FailureCategory.InputError, Expected(path, command), $"/{relative} is not in the {view.Words.Backup}'s listing",
                about: restored.Snapshot);
        var located = Encoding.UTF8.GetBytes(relative.Length == 0 ? restored.Root.TrimEnd('/') : Path.Combine(restored.Root, relative));
        return RunAsync(view, restored.Snapshot, restored.Area, located, Named(relative, restored.Area), path, command, limit, makeArea, cancellationToken);
    }

    private static string Expected(string path, string command) => $"\"{command}\" to pass on the restored {path}";

    /// <summary>What the copy is called: the backed-up name (restic lands a chosen file as 0001; a check may go by its
    /// name or extension), the area's for the whole root.</summary>
    private static string Named(string relative, IPrivateArea area) =>
        relative.Length == 0 ? Path.GetFileName(area.Path.TrimEnd('/')) : Path.GetFileName(relative);

    /// <summary>The directory holding chosen files restored laid out by their paths (Amanda's are: the area, then the
    /// backed-up path; restic's chosen files are not, each is a file of its own), or null.</summary>
    private static byte[]? DirectoryOf(RestoredSet restored, string relative)
    {
        var directory = Encoding.UTF8.GetBytes(restored.Area.Path.TrimEnd('/') + (relative.Length == 0 ? "" : "/" + relative));
        return restored.Files.Any(f => (relative.Length == 0 || f.Entry.Path.StartsWith(relative + "/", StringComparison.Ordinal))
                                       && f.Location.AsSpan().SequenceEqual([.. directory, .. Encoding.UTF8.GetBytes(f.Entry.Path[relative.Length..].TrimStart('/').Insert(0, "/"))]))
            ? directory : null;
    }

    private static async Task<DataCheckOutcome> RunAsync(BackupInView view, Snapshot about, IPrivateArea area, byte[] located, string name, string path,
        string command, DataCheckLimit limit, Func<IPrivateArea> makeArea, CancellationToken cancellationToken)
    {
        var expected = Expected(path, command);
        CheckFailedException Refused(FailureCategory category, string found, string? what = null) => view.Failure(category, what ?? expected, found, about: about);
        IReadOnlyList<string> words;
        try
        {
            words = CommandWords.Split(command);
        }
        catch (FormatException bad)
        {
            throw Refused(FailureCategory.InputError, bad.Message);
        }
        // A command that does not name the data checks something else, and passes for it.
        if (!words.Skip(1).Any(w => w.Contains("{}", StringComparison.Ordinal)))
            throw Refused(FailureCategory.InputError, "no {} in the command: it would not look at the restored data");
        // Pasted into a script, a path with spaces, quotes or $( ) would be read as shell: pass it as an argument.
        if (words is ["sh" or "bash" or "/bin/sh" or "/bin/bash", "-c", var script, ..] && script.Contains("{}", StringComparison.Ordinal))
            throw Refused(FailureCategory.InputError, "{} inside the sh -c script: pass it as an argument instead, e.g. sh -c 'test -s \"$1\"' _ {}");
        RestoreRules.RequireSameArea(view, area, about);
        var restoredPath = RestoredPath(area, located, path) is { } why ? throw Refused(FailureCategory.InputError, why) : Encoding.UTF8.GetString(located);
        var files = await RegularFilesAsync(restoredPath, cancellationToken);
        // A directory with no file in it (or only links) checks nothing, and passes for it.
        if (files.Count == 0) throw Refused(FailureCategory.InputError, $"{path} holds no restored regular file: the command would check nothing");

        // nobody gets a copy of just this path, in an area of its own: the rest of the restore (keys, shadow) stays root's,
        // and a command that writes (a journal replayed, a file replaced) cannot change what later steps compare.
        var isolated = await DataCheckSandbox.Namespaces;
        var sandbox = await DataCheckSandbox.CreateAsync(makeArea(), isolated, cancellationToken);
        try
        {
            var outcome = await RunInAsync(sandbox, isolated, restoredPath, name, files, words, path, command, limit, Refused, cancellationToken);
            await sandbox.DisposeAsync();
            return outcome;
        }
        catch
        {
            // The verdict on its way out stays the verdict: a removal that fails too only leaves the area to the sweep.
            try
            {
                await sandbox.DisposeAsync();
            }
            catch (Exception)
            {
                // Deliberately swallowed, as RestoreRules.RemoveKeepingTheVerdictAsync does.
            }
            throw;
        }
    }

    private static async Task<DataCheckOutcome> RunInAsync(DataCheckSandbox sandbox, bool isolated, string restoredPath, string name,
        IReadOnlyList<byte[]> files, IReadOnlyList<string> words, string path, string command, DataCheckLimit limit,
        Func<FailureCategory, string, string?, CheckFailedException> refuse, CancellationToken cancellationToken)
    {
        CheckFailedException Refused(FailureCategory category, string found, string? what = null) => refuse(category, found, what);
        var (copied, leftOut) = await sandbox.CopyInAsync(restoredPath, name, cancellationToken);
        words = [.. words.Select(w => w.Replace("{}", copied, StringComparison.Ordinal))];
        // Without a mount namespace nobody reaches the copy through the restore root: one it cannot traverse
        // (BACKUP_ACCEPTANCE_RESTORE_DIR under a 0700 folder) is this machine's trouble, not the data's.
        if (!isolated)
        {
            var reach = await Cli.Wrap("runuser").WithArguments(["-u", "nobody", "--", "test", "-r", copied])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            if (reach.ExitCode != 0)
                throw Refused(FailureCategory.RestoreFailed,
                    $"the user nobody cannot read {copied}: a folder above the restore area is closed to it (BACKUP_ACCEPTANCE_RESTORE_DIR)");
        }
        var run = sandbox.CommandLine(words, Environment(System.Environment.GetEnvironmentVariable));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit.Timeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // One bounded tail for both streams: a check printing 400 MB costs 64 KiB here.
        var tail = new OutputTail();
        int? exitCode = null;
        try
        {
            // A system PATH: root's may hold folders nobody cannot search, which runuser reports as "Permission denied".
            var result = await Cli.Wrap(run[0]).WithArguments(run.Skip(1)).WithWorkingDirectory(sandbox.WorkingDirectory)
                .WithEnvironmentVariables(env => env.Set("PATH", SystemPath))
                .WithStandardOutputPipe(sandbox.Stdout(tail)).WithStandardErrorPipe(tail.Target)
                .WithValidation(CommandResultValidation.None).ExecuteAsync(timeout.Token);
            exitCode = result.ExitCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // killed at the timeout: the rules below are still judged first
        }
        var took = clock.Elapsed;
        if (!sandbox.Ready)
            throw Refused(FailureCategory.SuiteDefect,
                $"the data check's sandbox could not be set up (unshare, mount --bind over {string.Join(", ", sandbox.CoveredPlaces)}): " +
                $"\"{Tail(Encoding.UTF8.GetString(tail.Bytes()))}\"");
        var shown = await ShowableOutputAsync(tail, files, cancellationToken);
        var writes = await sandbox.WritesOutsideTheCopyAsync(cancellationToken);
        if (writes.Count > 0)
            throw Refused(FailureCategory.DataCheckBrokeRules,
                $"it wrote outside its copy: {string.Join("; ", writes)}" +
                (isolated ? " (private folders, removed with it: nothing reached the real ones)" : "") +
                $"; {(exitCode is { } code ? $"exit status {code}" : "killed at the timeout")}, which does not count",
                $"\"{command}\" to write nowhere but its copy of the restored {path}");
        if (exitCode is not { } exit)
            throw Refused(FailureCategory.DataCheckFailed, $"it did not finish within {limit.Timeout.TotalSeconds:0} s ({limit.Setting}); it was killed");
        // env's own words (127: not found, 126: not runnable): the feature names a command this machine lacks.
        if (exit is 126 or 127 && shown.Text.StartsWith("env: ", StringComparison.Ordinal))
            throw Refused(FailureCategory.InputError, $"the command could not be started: {Tail(shown.Text)}");
        if (exit != 0)
            throw Refused(FailureCategory.DataCheckFailed, $"exit status {exit}: {shown.Quoted}");
        return new DataCheckOutcome(string.Join(' ', words), exit, shown.Text, isolated, took,
            isolated ? sandbox.PrivatePlaces.ToList() : [], tail.TotalBytes, leftOut);
    }

    /// <summary>Null when the restored path may be handed to the command: a regular file or a directory, inside the area,
    /// reached through directories only (a link restored as a link, at any level, would lead the command to whatever
    /// it names: a live file), named in UTF-8 (the command is given it as text); else why not.</summary>
    private static string? RestoredPath(IPrivateArea area, byte[] located, string path)
    {
        var root = Encoding.UTF8.GetBytes(area.Path.TrimEnd('/'));
        if (!located.AsSpan().StartsWith(root) || located.Length > root.Length && located[root.Length] != (byte)'/'
            || located.AsSpan().IndexOf("/../"u8) >= 0 || located.AsSpan().EndsWith("/.."u8)
            || located.AsSpan().IndexOf("/./"u8) >= 0 || located.AsSpan().EndsWith("/."u8))
            return $"{path} is not inside the restore area";
        if (!Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(located)).AsSpan().SequenceEqual(located))
            return $"{path} was restored under a name that is not UTF-8: the command cannot be given it";
        try
        {
            for (var slash = located.Length > root.Length ? Array.IndexOf(located, (byte)'/', root.Length + 1) : -1; slash > 0;
                 slash = Array.IndexOf(located, (byte)'/', slash + 1))
                if (!FileFacts.OfPath(located.AsSpan(0, slash)).IsDirectory)
                    return $"{path} lies below a link or special file restored as such: the command would read what it names, not restored data";
            var facts = FileFacts.OfPath(located);
            return facts.IsRegular || facts.IsDirectory ? null
                : $"{path} was restored as a link or special file: the command would read what it names, not restored data";
        }
        catch (IOException missing)
        {
            return $"{path} is not in the restore ({missing.Message})";
        }
    }

    /// <summary>The variables the check gets (env -i): a system PATH, no home, a UTF-8 locale, and the run's id when the
    /// suite has one (BACKUP_ACCEPTANCE_RUN_ID: what finds the run's processes after a crash).</summary>
    public static IReadOnlyList<string> Environment(Func<string, string?> env) =>
    [
        $"PATH={SystemPath}", "HOME=/nonexistent", "LANG=C.UTF-8",
        .. env(RunIdVariable) is { Length: > 0 } id ? new[] { $"{RunIdVariable}={id}" } : [],
    ];

    public const string RunIdVariable = "BACKUP_ACCEPTANCE_RUN_ID";

    /// <summary>Restored data read to prove an output holds none of it, at most (beyond: the output is withheld).</summary>
    private const long ScanBudget = 1L << 30;

    /// <summary>The check's output as a message or the report may show it: its kept tail, unless any run of
    /// <see cref="RestoredBytes.Run"/> bytes of it is in the restored data (a check that prints what it checks carries
    /// the data out), then withheld with its size.</summary>
    private sealed record ShownOutput(string Text, string Quoted);

    private static async Task<ShownOutput> ShowableOutputAsync(OutputTail tail, IReadOnlyList<byte[]> files, CancellationToken cancellationToken)
    {
        var bytes = tail.Bytes();
        var verdict = await RestoredBytes.QuotedInAsync(bytes, files, ScanBudget, cancellationToken);
        if (verdict != RestoredBytes.Verdict.Clean)
        {
            var why = verdict == RestoredBytes.Verdict.Quoted
                ? $"it holds {RestoredBytes.Run} or more bytes in a row that are in the restored data"
                : $"the restored data is over {ScanBudget >> 30} GiB, too much to prove the output holds none of it";
            var withheld = $"[{tail.TotalBytes} bytes of output withheld: {why}]";
            return new ShownOutput(withheld, withheld);
        }
        var text = Encoding.UTF8.GetString(bytes).Trim();
        if (tail.Truncated) text = $"[the last {bytes.Length} of {tail.TotalBytes} bytes of output]\n{text}";
        return new ShownOutput(text, $"\"{Tail(text)}\"");
    }

    /// <summary>The restored path's regular files, as path bytes (names need not be UTF-8: find prints them raw).</summary>
    private static async Task<IReadOnlyList<byte[]>> RegularFilesAsync(string restoredPath, CancellationToken cancellationToken)
    {
        using var names = new MemoryStream();
        await Cli.Wrap("find").WithArguments(["-P", restoredPath, "-type", "f", "-print0"])
            .WithStandardOutputPipe(PipeTarget.ToStream(names))
            .WithValidation(CommandResultValidation.None).ExecuteAsync(cancellationToken);
        var all = names.ToArray();
        var files = new List<byte[]>();
        for (int start = 0, end; start < all.Length; start = end + 1)
        {
            end = Array.IndexOf(all, (byte)0, start);
            if (end < 0) end = all.Length;
            if (end > start) files.Add(all[start..end]);
        }
        return files;
    }

    /// <summary>A root's PATH may hold folders nobody cannot search (runuser then says "Permission denied").</summary>
    private const string SystemPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    private static string Tail(string output)
    {
        var line = output.ReplaceLineEndings(" / ");
        return line.Length <= 300 ? line : "…" + line[^300..];
    }
}
