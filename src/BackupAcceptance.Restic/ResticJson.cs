using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>The snapshot an `ls --json` line names (its first line), or null for any other line.</summary>
    public static Snapshot? ListedSnapshot(string line)
    {
        var parsed = JsonSerializer.Deserialize(line, ResticJsonContext.Default.ListedLine);
        return parsed is { StructType: "snapshot", Id: { } id, Time: { } time } ? new Snapshot(id, Time(time)) : null;
    }

    /// <summary>The node of one `ls --json` line, relative to <paramref name="root"/>; null for the snapshot line,
    /// the root itself and anything outside it.</summary>
    public static TreeEntry? Node(string line, string root)
    {
        var node = JsonSerializer.Deserialize(line, ResticJsonContext.Default.ListedLine);
        if (node is not { StructType: "node", Path: { } path }) return null;
        var prefix = root == "/" ? "/" : root + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length) return null;
        var kind = node.Type switch
        {
            "dir" => EntryKind.Directory,
            "file" => EntryKind.RegularFile,
            "socket" => EntryKind.Socket,
            _ => EntryKind.Other,
        };
        return new TreeEntry(path[prefix.Length..], kind, node.Size ?? 0, node.Mtime is { } mtime ? Time(mtime) : DateTimeOffset.MinValue);
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

/// <summary>One line of `ls --json`: the snapshot (struct_type "snapshot") or a node; only the fields read.</summary>
internal sealed record ListedLine(
    [property: JsonPropertyName("struct_type")] string? StructType,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("time")] string? Time,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("mtime")] string? Mtime);

[JsonSerializable(typeof(ListedLine))]
internal sealed partial class ResticJsonContext : JsonSerializerContext;
