using System.Reflection;
using System.Text;
using BackupAcceptance.Suite.Steps;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>
/// Renders docs/steps.md from the step bindings themselves (expression, example, meaning), so the catalogue a
/// sysadmin reads cannot drift from what the suite understands; a test fails when the file is stale.
/// </summary>
public static class StepCatalogue
{
    public static string Render()
    {
        var text = new StringBuilder()
            .AppendLine("# Steps catalogue")
            .AppendLine()
            .AppendLine("Every step the suite understands, generated from its bindings (`src/BackupAcceptance.Suite/Steps`).")
            .AppendLine("Parameters: `{config}`, `{host}`, `{word}` are single words; `{disk}` is a word or a \"quoted name\";")
            .AppendLine("`{date}` is `2026-11-26`, `2026-11-26-20-09` or a dump date `2026-11-26-20-09-55`; `{string}` is quoted.")
            .AppendLine("A scenario passes only when at least one Then step checked something (a file, a path, a dump): a scenario")
            .AppendLine("without Then steps, a table without path rows or a sample that saw nothing fails as \"Nothing checked\". Given")
            .AppendLine("steps come first: one after a When or Then step fails as a suite defect.")
            .AppendLine("Every Then step says which view of the dump it reads: amrecover's merged listing and the state a restore")
            .AppendLine("gives differ on incremental chains ([dump-model.md](dump-model.md)).")
            .AppendLine("Regenerate with `BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~StepCatalogue`.");
        var classes = typeof(StepCatalogue).Assembly.GetTypes()
            .Select(t => (Type: t, Layer: t.GetCustomAttribute<StepLayerAttribute>()))
            .Where(c => c.Layer is not null)
            .OrderBy(c => c.Layer!.Order);
        foreach (var (type, layer) in classes)
        {
            text.AppendLine().AppendLine($"## {layer!.Title}").AppendLine();
            foreach (var method in type.GetMethods().OrderBy(m => m.MetadataToken))
            {
                var binding = method.GetCustomAttributes<StepDefinitionBaseAttribute>().FirstOrDefault();
                if (binding is null) continue;
                var example = method.GetCustomAttribute<StepExampleAttribute>();
                text.AppendLine($"### `{Keyword(binding)} {binding.Expression}`").AppendLine();
                if (example is null) continue;
                text.AppendLine(example.Meaning).AppendLine();
                var backends = method.GetCustomAttribute<StepBackendsAttribute>()?.Backends ?? [Backend.Amanda];
                text.AppendLine($"Backends: {StepBackendsAttribute.Describe(backends)}." + (backends.Contains(Backend.Restic) && backends.Contains(Backend.Amanda)
                    ? " On restic it reads the snapshot's own tree (`restic ls`): a snapshot is whole, so what it lists is what a restore gives; \"dump\" means snapshot."
                    : "")).AppendLine();
                if (method.GetCustomAttribute<StepViewAttribute>() is { } view)
                    text.AppendLine($"Reads: {view.Describe()} ([views](dump-model.md))").AppendLine();
                if (example.DoesNotCheck.Length > 0)
                    text.AppendLine($"Does not check: {char.ToLowerInvariant(example.DoesNotCheck[0])}{example.DoesNotCheck[1..]}").AppendLine();
                text.AppendLine("```gherkin").AppendLine(example.Example).AppendLine("```").AppendLine();
            }
        }
        return System.Text.RegularExpressions.Regex.Replace(text.ToString(), "\n{3,}", "\n\n").TrimEnd() + "\n";
    }

    private static string Keyword(StepDefinitionBaseAttribute binding) => binding switch
    {
        GivenAttribute => "Given",
        WhenAttribute => "When",
        _ => "Then",
    };
}
