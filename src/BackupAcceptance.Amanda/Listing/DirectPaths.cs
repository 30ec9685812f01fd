using System.Text.RegularExpressions;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// Which directories amrecover enters by one absolute <c>cd</c> (with the disk set at mount point <c>/</c>): paths
/// whose every index name is plain ASCII without glob, quote, escape or redirection characters. amrecover refuses
/// absolute paths holding non-ASCII bytes or escaped globs (docs/amrecover.md, section 3), so every other directory is reached
/// one component at a time from its parent, by the entry <c>ls</c> showed.
/// </summary>
public static partial class DirectPaths
{
    [GeneratedRegex(@"^[A-Za-z0-9 ._,+=@%:~-]+$")]
    private static partial Regex PlainName();

    public static bool IsPlain(string indexName) => PlainName().IsMatch(indexName) && indexName is not ("." or "..");
}
