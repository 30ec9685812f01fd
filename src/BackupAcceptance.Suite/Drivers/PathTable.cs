using Reqnroll;

namespace BackupAcceptance.Suite.Drivers;

/// <summary>
/// A Gherkin table of paths: its first row is the header <c>| path |</c>. Gherkin cannot tell a header from a data
/// row, so a table written without one would silently lose its first path; it is refused instead.
/// </summary>
public static class PathTable
{
    public const string Header = "path";

    public const string Expected = $"a table with one column under the header | {Header} |";

    /// <summary>What is wrong with the table's header, as a failure's "found", or null when it is | path |.</summary>
    public static string? HeaderProblem(DataTable table)
    {
        var header = table.Header.ToList();
        return header.Count != 1 || !string.Equals(header[0].Trim(), Header, StringComparison.OrdinalIgnoreCase)
            ? $"the header | {string.Join(" | ", header)} | (without a header row, the first path would be taken for one)"
            : null;
    }

    public static IReadOnlyList<string> Rows(DataTable table) => table.Rows.Select(row => row[0].Trim()).ToList();
}
