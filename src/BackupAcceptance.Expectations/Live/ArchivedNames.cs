using System.Text;
using BackupAcceptance.Amanda.Client;
using BackupAcceptance.Amanda.Listing;
using CliWrap;

namespace BackupAcceptance.Expectations.Live;

/// <summary>
/// What GNU tar would archive of a DLE now, asked of tar itself with Amanda's own options (sendbackup-gnutar,
/// 3.5.1: <c>--create --file - --directory DEVICE --one-file-system --listed-incremental SNAR --sparse
/// --ignore-failed-read --totals [--exclude-from F] (--files-from F | .)</c>) but the archive <c>/dev/null</c>, which
/// GNU tar never writes and so never opens a file to read (seen with strace on a 300 MB file). <c>--verbose</c>
/// names each member in escape quoting, in the C locale: the form of Amanda's index, one line per name.
/// </summary>
/// <param name="Names">Index-form relative names ("a/b"), unescaped to Latin-1 text; directories end in '/'.</param>
/// <param name="Problems">tar's complaints (a name it could not stat, a failing exit).</param>
/// <param name="Notes">tar's remarks that are how Amanda's dump behaves too (a socket is never archived).</param>
/// <param name="Command">The command line, for a report.</param>
internal sealed record ArchivedNames(IReadOnlyList<string> Names, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes, string Command)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ArchivedNames> ReadAsync(string device, TarSelection selection, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("ba-live-tree-");
        try
        {
            List<string> words =
            [
                "--create", "--file=/dev/null", "--directory", device, "--one-file-system",
                // A fresh snapshot file: a level 0, as Amanda's first dump of a disk; tar writes it, nothing reads it.
                "--listed-incremental", Path.Combine(scratch.FullName, "snar"),
                "--sparse", "--ignore-failed-read", "--verbose", "--quoting-style=escape",
            ];
            if (selection.ExcludeLines.Count > 0)
            {
                var exclude = Path.Combine(scratch.FullName, "exclude");
                await File.WriteAllBytesAsync(exclude, TarSelection.FileBytes(selection.ExcludeLines), cancellationToken);
                words.AddRange(["--exclude-from", exclude]);
            }
            if (selection.IncludeLines is { } includeLines)
            {
                var include = Path.Combine(scratch.FullName, "include");
                await File.WriteAllBytesAsync(include, TarSelection.FileBytes(includeLines), cancellationToken);
                words.AddRange(["--files-from", include]);
            }
            else words.Add(".");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var output = new MemoryStream();
            var errors = new StringBuilder();
            var result = await Cli.Wrap("tar").WithArguments(words)
                .WithEnvironmentVariables(environment => environment.Set("LC_ALL", "C"))
                .WithStandardOutputPipe(PipeTarget.ToStream(output))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors, Encoding.Latin1))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeout.Token);

            var command = "LC_ALL=C tar " + string.Join(' ', words);
            var problems = new List<string>();
            var notes = new List<string>();
            foreach (var line in errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // Every directory of a level 0 is new to its snapshot: tar says so, nothing is wrong.
                if (line.EndsWith(": Directory is new", StringComparison.Ordinal)) continue;
                if (line.EndsWith(": socket ignored", StringComparison.Ordinal) ||
                    line.EndsWith("; not dumped", StringComparison.Ordinal)) notes.Add(line);
                else problems.Add(line);
            }
            if (result.ExitCode != 0) problems.Add($"{command} exited with {result.ExitCode}");
            var names = Encoding.Latin1.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(TarEscaping.Unescape)
                .Where(name => name != "./")
                .Select(name => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name)
                .ToList();
            return new ArchivedNames(names, problems, notes, command);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
