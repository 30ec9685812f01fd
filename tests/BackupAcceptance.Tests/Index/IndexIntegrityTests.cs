using System.IO.Compression;
using System.Text;
using BackupAcceptance.Amanda.Index;
using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Index;

/// <summary>gzip -t, the audit that runs before amrecover first browses a disk, at the ways an index file is cut:
/// half its bytes (the demo's cutindex fixture, checked end to end by the controls), ten bytes (a bare gzip header,
/// which amindexd answers with an error that reads like a misconfiguration), nothing at all.</summary>
public sealed class IndexIntegrityTests
{
    private string _path = "";

    [SetUp]
    public void Write()
    {
        _path = Path.Combine(Directory.CreateTempSubdirectory("index-integrity-").FullName, "20261125100000_0.gz");
        using var gzip = new GZipStream(File.Create(_path), CompressionLevel.Fastest);
        gzip.Write(Encoding.Latin1.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"/dir{i % 7}/file{i}.txt\n"))));
    }

    [TearDown]
    public void Remove() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    private IndexFile File0 => new(_path, DumpDate.Parse("2026-11-25-10-00-00"), 0);

    [Test]
    public async Task A_whole_index_file_passes() => (await IndexDirectory.GzipProblemAsync(File0, CancellationToken.None)).ShouldBeNull();

    [TestCase(-1)] // half
    [TestCase(10)]
    [TestCase(0)]
    public async Task A_cut_index_file_is_named_with_gzips_words(int keep)
    {
        var bytes = await File.ReadAllBytesAsync(_path);
        await File.WriteAllBytesAsync(_path, bytes[..(keep < 0 ? bytes.Length / 2 : keep)]);

        var problem = await IndexDirectory.GzipProblemAsync(File0, CancellationToken.None);

        problem.ShouldNotBeNull();
        problem.ShouldContain(_path);
    }
}
