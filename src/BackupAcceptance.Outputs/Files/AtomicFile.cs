using System.Text;

namespace BackupAcceptance.Outputs.Files;

/// <summary>A file replaced whole or not at all: written to a temporary file in the same folder, then renamed over the
/// old one (rename(2) is atomic within a file system), so a reader (node_exporter's textfile collector, a CI job)
/// never sees half of it. The temporary name does not end in .prom: the collector ignores it.</summary>
public static class AtomicFile
{
    /// <param name="mode">The file's mode, or null for what the umask gives (run.sh's: the user's alone).</param>
    public static async Task WriteAsync(string path, string text, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new IOException($"{path} has no folder");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"the folder {folder} does not exist");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            // CreateNew: never through a link or file someone planted under that name.
            await using (var stream = new FileStream(temporary, new FileStreamOptions
                         { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous }))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            if (mode is { } wanted) File.SetUnixFileMode(temporary, wanted);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
