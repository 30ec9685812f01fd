using System.Reflection;
using BackupAcceptance.Suite.Steps;

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

    /// <summary>The listing and the state a restore gives differ on every incremental chain (docs/dump-model.md): a
    /// check that does not say which it reads cannot be judged on a real schedule.</summary>
    [Test]
    public void Every_Then_step_says_which_view_of_the_dump_it_reads() =>
        typeof(TargetSteps).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<ThenAttribute>().Any() && m.GetCustomAttribute<StepViewAttribute>() is null)
            .Select(m => m.Name).ShouldBeEmpty();

    /// <summary>A binding's Cucumber expression as a regex: the suite's own parameter types from their transformations,
    /// Cucumber's built-in ones, and optional text such as <c>file(s)</c>.</summary>
    private static System.Text.RegularExpressions.Regex ToRegex(string expression)
    {
        var types = typeof(ParameterTypes).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<StepArgumentTransformationAttribute>())
            .Where(a => a?.Name is not null)
            .ToDictionary(a => a!.Name!, a => a!.Regex!);
        types["int"] = @"(-?\d+)";
        types["string"] = "(\"[^\"]*\")";
        var pattern = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(expression),
            @"\\\{(\w+)}|\\\((\w+)\\\)", m => m.Groups[1].Success ? types[m.Groups[1].Value] : $"(?:{m.Groups[2].Value})?");
        return new System.Text.RegularExpressions.Regex($"^{pattern}$");
    }

    [Test]
    public void Every_documented_example_is_understood_by_its_own_step_and_by_no_other()
    {
        var bindings = typeof(TargetSteps).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>().Select(b => (Method: m, Binding: b)))
            .Select(s => (s.Method, Keyword: s.Binding.GetType().Name.Replace("Attribute", ""), Regex: ToRegex(s.Binding.Expression!)))
            .ToList();
        bindings.Count.ShouldBeGreaterThan(20);
        foreach (var (method, keyword, _) in bindings)
        {
            var example = method.GetCustomAttribute<StepExampleAttribute>()!.Example.Split('\n')[0];
            example.ShouldStartWith(keyword + " ", customMessage: method.Name);
            var text = example[(keyword.Length + 1)..];
            var matches = bindings.Where(b => b.Keyword == keyword && b.Regex.IsMatch(text)).Select(b => b.Method.Name).ToList();
            matches.ShouldBe([method.Name], $"'{example}' must match {method.Name} only");
        }
    }

    [Test]
    public void The_expression_converter_rejects_what_a_step_would_not_take() =>
        ToRegex("the backup contains at least {int} file(s)").IsMatch("the backup contains at least many files").ShouldBeFalse();
}
