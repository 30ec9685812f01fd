using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Mutations;

/// <summary>The mutation check runs by hand (./run.sh mutate), so a row whose source text moved would only be found
/// then, as "found 0 times". Each row's original must occur exactly once in its file, now, in every test run.</summary>
public sealed class MutationTableTests
{
    [Test]
    public void Every_mutation_applies_to_exactly_one_place()
    {
        var table = Path.Combine(Repository.Root, "tests", "mutations", "mutations.tsv");
        var stale = new List<string>();
        var rows = 0;
        foreach (var line in File.ReadLines(table))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t');
            fields.Length.ShouldBe(5, $"five TAB-separated columns: {line}");
            rows++;
            var file = Path.Combine(Repository.Root, fields[1]);
            var original = Unescape(fields[3]);
            var found = File.Exists(file) ? Occurrences(File.ReadAllText(file), original) : -1;
            if (found != 1) stale.Add($"{fields[0]}: {fields[1]} {(found < 0 ? "is missing" : $"holds its original {found} times")}");
        }
        rows.ShouldBeGreaterThan(0);
        stale.ShouldBeEmpty("tests/mutations/mutations.tsv names source text that moved; mend the rows");
    }

    // The table's escapes, as tests/mutations/run.sh decodes them: \n, \t and \\, in one pass from the left.
    private static string Unescape(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\\(n|t|\\)", m => m.Groups[1].Value switch { "n" => "\n", "t" => "\t", _ => "\\" });

    // Not overlapping, as perl's match count in run.sh.
    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
