using System.Globalization;
using System.Text.Json;
using BackupAcceptance.Core.Sources;

namespace BackupAcceptance.Restic;

/// <summary>restic's JSON: the array `snapshots --json` prints, and the lines `ls --json` prints (the snapshot, then a
/// node per line: name, type, path, size, mtime). Times carry nanoseconds, more than .NET parses: cut to 100 ns.</summary>
public static class ResticJson
{
    public static IReadOnlyList<Snapshot> Snapshots(string json)
    {
        using var document = JsonDocument.Parse(json.Length == 0 ? "[]" : json);
        return [.. document.RootElement.EnumerateArray()
            .Select(s => new Snapshot(s.GetProperty("id").GetString()!, Time(s.GetProperty("time").GetString()!))
            {
                Excludes = s.TryGetProperty("excludes", out var excludes) ? [.. excludes.EnumerateArray().Select(e => e.GetString() ?? "")] : [],
            })
            .OrderBy(s => s.Time)];
    }

    /// <summary>Whether an `ls --json` line is the listed snapshot's own (its first line).</summary>
    public static bool IsSnapshot(string line, string id)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return root.TryGetProperty("struct_type", out var type) && type.GetString() == "snapshot"
            && root.TryGetProperty("id", out var listed) && listed.GetString() == id;
    }

    /// <summary>The node of one `ls --json` line, relative to <paramref name="root"/>; null for the snapshot line,
    /// the root itself and anything outside it.</summary>
    public static TreeEntry? Node(string line, string root)
    {
        using var document = JsonDocument.Parse(line);
        var node = document.RootElement;
        if (!node.TryGetProperty("struct_type", out var type) || type.GetString() != "node") return null;
        var path = node.GetProperty("path").GetString()!;
        var prefix = root == "/" ? "/" : root + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length) return null;
        var kind = node.GetProperty("type").GetString() switch
        {
            "dir" => EntryKind.Directory,
            "file" => EntryKind.RegularFile,
            _ => EntryKind.Other,
        };
        var size = node.TryGetProperty("size", out var s) ? s.GetInt64() : 0;
        var modified = node.TryGetProperty("mtime", out var m) ? Time(m.GetString()!) : DateTimeOffset.MinValue;
        return new TreeEntry(path[prefix.Length..], kind, size, modified);
    }

    /// <summary>"2026-12-07T08:24:59.759410797Z" or with an offset, to the 100 ns .NET keeps.</summary>
    public static DateTimeOffset Time(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
    }
}
