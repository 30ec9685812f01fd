using BackupAcceptance.Amanda.Text;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Tests.Support;

/// <summary>One entry of a live tree: the exact bytes of its path and, for a file, its SHA-256.</summary>
internal sealed record ManifestEntry(byte[] Path, char Type, string? Sha256)
{
    public string Key => Convert.ToHexString(Path);
}

/// <summary>
/// A byte-exact inventory of a directory tree, taken by perl (always there: Amanda depends on it). .NET decodes file
/// names as UTF-8 and cannot name files whose names are not, which the random-names fixture is full of.
/// </summary>
internal static class LiveManifest
{
    private const string Script = """
        use strict; use warnings; use File::Find; use Digest::SHA;
        my $root = shift;
        find({ no_chdir => 1, wanted => sub {
            my $path = $File::Find::name;
            return if $path eq $root;
            my $key = unpack("H*", substr($path, length $root));
            if (-l $path) { print "$key l\n" }
            elsif (-d _) { print "$key d\n" }
            else { print "$key f ", Digest::SHA->new(256)->addfile($path)->hexdigest, "\n" }
        } }, $root);
        """;

    public static async Task<IReadOnlyDictionary<string, ManifestEntry>> ReadAsync(string root, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("perl").WithArguments(["-e", Script, root]).ExecuteBufferedAsync(cancellationToken);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => new ManifestEntry(Convert.FromHexString(parts[0]), parts[1][0], parts.Length > 2 ? parts[2] : null))
            .ToDictionary(e => e.Key);
    }

    public static string KeyOf(RawPath path) => Convert.ToHexString(path.ToBytes());
}
