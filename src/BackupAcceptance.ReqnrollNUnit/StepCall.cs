using Io.Cucumber.Messages.Types;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// One step as Reqnroll executes it: background steps included, outline placeholders already replaced.
/// </summary>
/// <param name="Keyword">As written, with its trailing space ("Given "), as generated code passes it.</param>
/// <param name="KeywordType">Context (Given), Action (When), Outcome (Then), Conjunction (And/But) or Unknown (*).</param>
/// <param name="Text">The step text after the keyword.</param>
/// <param name="DocString">The step's DocString content, if any.</param>
/// <param name="DataTable">The step's DataTable rows (header first), if any.</param>
public sealed record StepCall(
    string Keyword,
    StepKeywordType KeywordType,
    string Text,
    string? DocString,
    IReadOnlyList<IReadOnlyList<string>>? DataTable)
{
    internal Task ExecuteAsync(ITestRunner runner)
    {
        var table = CreateTable();
        return KeywordType switch
        {
            StepKeywordType.CONTEXT => runner.GivenAsync(Text, DocString, table, Keyword),
            StepKeywordType.ACTION => runner.WhenAsync(Text, DocString, table, Keyword),
            StepKeywordType.OUTCOME => runner.ThenAsync(Text, DocString, table, Keyword),
            // And, But and '*' continue the previous block's binding type; Reqnroll treats them alike.
            _ => runner.AndAsync(Text, DocString, table, Keyword),
        };
    }

    // A fresh Table on every run: steps may change the table they are given.
    private Table? CreateTable()
    {
        if (DataTable is not { Count: > 0 })
            return null;

        var table = new Table([.. DataTable[0]]);
        foreach (var row in DataTable.Skip(1))
            table.AddRow(row.ToArray());

        return table;
    }
}
