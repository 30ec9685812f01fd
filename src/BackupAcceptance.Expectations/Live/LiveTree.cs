using BackupAcceptance.Core.Checks;
using BackupAcceptance.Core.Files;
using System.Text;
using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Client;
using BackupAcceptance.Amanda.Text;

namespace BackupAcceptance.Expectations.Live;

/// <summary>
/// The live side of a comparison: a DLE's files as its backup would take them now. Rooted at the device (not the
/// disk name), on its own file system, with the DLE's exclude and include rules applied by GNU tar itself, given
/// the exclude and include files Amanda's client would write (<see cref="TarSelection"/>, <see cref="ArchivedNames"/>);
/// each entry's kind, mtime and ctime from one find pass (<see cref="LiveScan"/>).
/// Nothing here throws for what it could not read: <see cref="Problems"/> says it, and the caller decides.
/// </summary>
/// <param name="Device">The directory read (Latin-1 text, as the disklist holds it).</param>
/// <param name="Files">Non-directories tar would archive: the live count is <c>Files.Count</c>.</param>
/// <param name="Directories">Directories tar would archive, the device itself not counted, with their times: a
/// directory renamed since the dump has a ctime after it.</param>
/// <param name="Excluded">Non-directories present below the device (same file system) that tar would not archive:
/// excluded, not compared.</param>
/// <param name="ExcludedDirectories">Directories present but not archived (an excluded directory, and every one below it).</param>
/// <param name="Problems">What could not be read or did not add up: find's and tar's complaints, a name one saw and
/// the other did not (the tree changed while read), a device that cannot be read at all. Empty: the tree is whole.</param>
/// <param name="Notes">How it was taken (the tar command line) and what Amanda would ignore too (an exclude list
/// that does not exist, a socket).</param>
public sealed record LiveTree(
    string Device,
    IReadOnlyList<LiveEntry> Files,
    IReadOnlyList<LiveEntry> Directories,
    IReadOnlyList<LiveEntry> Excluded,
    IReadOnlyList<RawPath> ExcludedDirectories,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    public bool IsComplete => Problems.Count == 0;

    /// <summary>The DLE it was read for.</summary>
    public DiskListEntry? Entry { get; init; }

    /// <summary>The live file's full path as bytes (device, then the entry's path), for <c>RawFiles</c>.</summary>
    public byte[] PathOf(LiveEntry entry) => [.. Encoding.Latin1.GetBytes(Device), .. entry.Path.ToBytes()];

    /// <summary>Reads <paramref name="entry"/>'s device on this machine. The host must be this machine, the device an
    /// absolute path; otherwise the tree is empty and <see cref="Problems"/> says why.</summary>
    public static async Task<LiveTree> ReadAsync(BackupTarget target, DiskListEntry entry, CancellationToken cancellationToken)
    {
        var device = entry.Device.Length > 1 ? entry.Device.TrimEnd('/') : entry.Device;
        var (path, refusal) = DevicePath(target, entry, device);
        if (path is null) return Unreadable(device, refusal);

        var notes = new List<string>();
        if (!entry.IsGnuTar)
            notes.Add(entry.Program == "APPLICATION"
                ? $"application {entry.Application}: read as amgtar with its defaults (ONE-FILE-SYSTEM yes); its properties are not read"
                : $"program {entry.Program}: read as GNU tar would back it up");
        var selection = await TarSelection.ForAsync(entry, device, cancellationToken);
        notes.AddRange(selection.Notes);
        // find first: a name created in between is then one tar names and find did not see, which is reported.
        var scan = await LiveScan.ReadAsync(path, cancellationToken);
        var archived = await ArchivedNames.ReadAsync(path, selection, cancellationToken);
        notes.Add(archived.Command);
        notes.AddRange(archived.Notes);
        var problems = scan.Problems.Concat(archived.Problems).ToList();

        var files = new List<LiveEntry>();
        var directories = new List<LiveEntry>();
        var archivedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in archived.Names)
        {
            var key = name.TrimEnd('/');
            if (!archivedKeys.Add(key)) continue;
            if (!scan.Entries.TryGetValue(key, out var live))
            {
                // Created between the two passes: new since the dump whatever it holds, so never compared.
                notes.Add($"./{Display(key)} appeared while the tree was read: not compared");
                continue;
            }
            if (live.IsDirectory) directories.Add(live);
            else files.Add(live);
        }
        var excluded = scan.Entries.Where(e => !archivedKeys.Contains(e.Key)).Select(e => e.Value).ToList();
        return new LiveTree(entry.Device, files, directories,
            excluded.Where(e => !e.IsDirectory).ToList(), excluded.Where(e => e.IsDirectory).Select(e => e.Path).ToList(),
            problems, notes) { Entry = entry };
    }

    /// <summary>The device as an argument (arguments are passed as UTF-8), or null with the reason it cannot be read.</summary>
    private static (string? Path, string Refusal) DevicePath(BackupTarget target, DiskListEntry entry, string device)
    {
        if (!LocalHost.Is(target.Host) || !LocalHost.Is(entry.Host))
            return (null, $"host {entry.Host} is not this machine ({Environment.MachineName}): its live files cannot be read here");
        // Not an absolute path: a device name Amanda resolves through fstab, or a share; tar and find would be
        // given a word they could read as an option.
        if (!device.StartsWith('/'))
            return (null, $"the device {Display(device)} of {entry} is not an absolute path");
        if (device.Any(c => c < ' ' || c == '\x7F'))
            return (null, $"the device {Display(device)} holds a control character");
        var bytes = Encoding.Latin1.GetBytes(device);
        string path;
        try
        {
            path = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"the device {Display(device)} is not UTF-8: it cannot be passed as an argument");
        }
        return Directory.Exists(path) ? (path, "") : (null, $"the device {path} of {entry} is not a directory on this machine");
    }

    private static LiveTree Unreadable(string device, string problem) => new(device, [], [], [], [], [problem], []);

    private static string Display(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));
}
