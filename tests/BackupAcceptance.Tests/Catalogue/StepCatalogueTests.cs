using System.Reflection;
using BackupAcceptance.Suite.Steps;
using BackupAcceptance.Suite.Support;
using NUnit.Framework;
using Reqnroll;
using Shouldly;

namespace BackupAcceptance.Tests.Catalogue;

/// <summary>docs/steps.md is generated from the bindings; it must be current, and every step must be in it.</summary>
public sealed class StepCatalogueTests
{
    private static string DocsPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupAcceptance.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("BackupAcceptance.sln not found"), "docs", "steps.md");
    }

    [Test]
    public void Docs_steps_md_is_current()
    {
        var rendered = StepCatalogue.Render();
        var path = DocsPath();
        if (Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_UPDATE_DOCS") == "1") File.WriteAllText(path, rendered);
        File.Exists(path).ShouldBeTrue($"{path} is missing; regenerate it (see its first lines).");
        File.ReadAllText(path).ShouldBe(rendered,
            "docs/steps.md is stale: BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~StepCatalogue");
    }

    [Test]
    public void Every_step_has_an_example_and_a_layer()
    {
        var steps = typeof(TargetSteps).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Type: t, Method: m)))
            .Where(s => s.Method.GetCustomAttributes<StepDefinitionBaseAttribute>().Any())
            .ToList();
        steps.Count.ShouldBeGreaterThan(20);
        steps.Where(s => s.Method.GetCustomAttribute<StepExampleAttribute>() is null).Select(s => s.Method.Name).ShouldBeEmpty();
        steps.Where(s => s.Type.GetCustomAttribute<StepLayerAttribute>() is null).Select(s => s.Type.Name).Distinct().ShouldBeEmpty();
    }
}
