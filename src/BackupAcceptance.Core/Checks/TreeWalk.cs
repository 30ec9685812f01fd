using BackupAcceptance.Core.Files;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Core.Checks;

/// <summary>
/// Every entry below a directory by its relative path, with what the kernel says of it, links never followed. What it
/// could not or would not look at is said in <see cref="Skipped"/>, never silently left out: an entry whose name is not
/// UTF-8 (.NET cannot reach it again by the name it printed), a directory gone while walked (a live tree), and on the
/// live side a mount point below the root or a directory tagged CACHEDIR.TAG, which backup tools are often told to
/// leave out without recording it (restic's --one-file-system, --exclude-caches).
/// </summary>
public sealed class TreeWalk
{
    private TreeWalk(Dictionary<string, (EntryKind Kind, FileFacts Facts)> entries, List<string> skipped)
    {
        Entries = entries;
        Skipped = skipped;
    }

    public Dictionary<string, (EntryKind Kind, FileFacts Facts)> Entries { get; }

    /// <summary>What was not looked at (relative, with why): not in <see cref="Entries"/>, nor anything below it.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <param name="live">A live tree: mount points below the root and CACHEDIR.TAG directories are not entered.</param>
    public static TreeWalk Of(string root, bool live, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var entries = new Dictionary<string, (EntryKind Kind, FileFacts Facts)>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var mounts = live ? MountPoints() : [];
        var pending = new Stack<(DirectoryInfo Directory, string Relative)>([(new DirectoryInfo(root), "")]);
        while (pending.TryPop(out var next))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (next.Relative.Length > 0 && Why(next.Directory, live, mounts) is { } why)
            {
                skipped.Add($"/{next.Relative}: {why}");
                continue;
            }
            IEnumerable<FileSystemInfo> listed;
            try
            {
                listed = next.Directory.EnumerateFileSystemInfos("*", options).ToList();
            }
            catch (DirectoryNotFoundException) when (next.Relative.Length > 0)
            {
                skipped.Add($"/{next.Relative}: gone while walked, or named in bytes that are not UTF-8");
                continue;
            }
            foreach (var entry in listed)
            {
                var relative = next.Relative.Length == 0 ? entry.Name : $"{next.Relative}/{entry.Name}";
                if (entry.Name.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    // .NET printed the bytes as U+FFFD and cannot reach the entry again by that name.
                    skipped.Add($"/{relative}: named in bytes that are not UTF-8, not looked at");
                    continue;
                }
                if (Facts(entry) is not { } facts) continue; // gone since it was listed
                var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
                entries[relative] = (isDirectory ? EntryKind.Directory : facts.IsRegular ? EntryKind.RegularFile : EntryKind.Other, facts);
                if (isDirectory) pending.Push(((DirectoryInfo)entry, relative));
            }
        }
        return new TreeWalk(entries, skipped);
    }

    private static string? Why(DirectoryInfo directory, bool live, IReadOnlySet<string> mounts)
    {
        if (!live) return null;
        if (mounts.Contains(directory.FullName.TrimEnd('/'))) return "another filesystem mounted here, not entered";
        var tag = Path.Combine(directory.FullName, "CACHEDIR.TAG");
        return File.Exists(tag) && IsCacheTag(tag) ? "a cache directory (CACHEDIR.TAG), not entered" : null;
    }

    /// <summary>The tag's own signature, as tools that honour it check it (https://bford.info/cachedir/).</summary>
    private static bool IsCacheTag(string path)
    {
        const string signature = "Signature: 8a477f597d28d172789f06886806bc55";
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[signature.Length];
            return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length
                && System.Text.Encoding.ASCII.GetString(head) == signature;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every mount point of this machine (/proc/self/mountinfo's fifth field, its octal escapes read).</summary>
    private static HashSet<string> MountPoints()
    {
        try
        {
            return File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' ')).Where(fields => fields.Length > 4)
                .Select(fields => System.Text.RegularExpressions.Regex.Replace(fields[4], @"\\([0-7]{3})",
                    m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString())).ToHashSet(StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The entry's facts, or null when it went away since it was listed (a live tree changes while walked).</summary>
    private static FileFacts? Facts(FileSystemInfo entry)
    {
        try
        {
            return FileFacts.OfPath(entry.FullName);
        }
        catch (IOException) when (!File.Exists(entry.FullName) && !Directory.Exists(entry.FullName))
        {
            return null;
        }
    }
}
