using BackupAcceptance.Amanda.Image;
using BackupAcceptance.Amanda.Text;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Image;

/// <summary>Only amfetchdump's own words say an image is sound: a whole tar stream with exit 1 passes only for the
/// warnings known to be harmless. Lines verbatim from ba-nightly's disks.</summary>
public sealed class DumpImageJudgeTests
{
    private static readonly DumpedTree Tree = new(new Dictionary<RawPath, char>(), new HashSet<RawPath> { RawPath.Root }, new Dictionary<RawPath, DateTime>(), []);

    private const string GoodRead = "Reading label 'ba-nightly-03' filenum 3\nsplit dumpfile: date 20261206143258 host localhost disk /srv/fixtures/nightly/deleted part 1/UNKNOWN lev 1 comp N program /bin/tar\n20 kb\n";

    [Test]
    public void A_good_read_is_the_tree() => DumpImage.Judge("the dump", 0, GoodRead, Tree, null).Tree.ShouldBe(Tree);

    [Test]
    public void Amcrypt_ossls_warning_with_exit_1_is_still_a_good_read() =>
        DumpImage.Judge("the dump", 1, GoodRead + "filter stderr: *** WARNING : deprecated key derivation used.\nfilter stderr: Using -iter or -pbkdf2 would be better.\n", Tree, null)
            .Tree.ShouldBe(Tree);

    [Test]
    public void A_checksum_that_differs_is_a_corrupt_image_whatever_the_stream()
    {
        var read = DumpImage.Judge("the dump", 1, GoodRead + "recovery failed: server-crc (67b5088a:10240) and source_crc (8f0c8721:10240) differ\n", Tree, null);
        read.Corrupt.ShouldBeTrue();
        read.Tree.ShouldBeNull();
    }

    [Test]
    public void Any_other_complaint_with_exit_1_is_a_failed_read()
    {
        var read = DumpImage.Judge("the dump", 1, GoodRead + "something unexpected\n", Tree, null);
        read.Tree.ShouldBeNull();
        read.Corrupt.ShouldBeFalse();
        read.Why.ShouldContain("something unexpected");
    }
}
