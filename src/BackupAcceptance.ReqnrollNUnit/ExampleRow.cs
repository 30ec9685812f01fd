using Io.Cucumber.Messages.Types;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>One row of a Scenario Outline's Examples table, with where it sits in the outline.</summary>
internal sealed record ExampleRow(Examples Examples, int BlockIndex, int RowIndex)
{
    public TableRow Row => Examples.TableBody[RowIndex];

    /// <summary>Header cell and row cell, pairwise: the values the outline's placeholders were replaced with.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments =>
    [
        .. Examples.TableHeader?.Cells.Zip(Row.Cells, (header, cell) => KeyValuePair.Create(header.Value, cell.Value)) ?? [],
    ];
}
