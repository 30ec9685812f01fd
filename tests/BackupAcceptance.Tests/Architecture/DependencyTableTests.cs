using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Architecture;

/// <summary>
/// docs/architecture.md's table of rooms, read as it is written, holds for the compiled code: a room (a project, or a
/// folder of the Suite) uses no other room of the project but those its "may use" column names. A wrong import fails
/// here, and so does a table that no longer says what the code does.
/// </summary>
public sealed partial class DependencyTableTests
{
    /// <summary>A row: <c>| `src/FOLDER` | holds | may use |</c>.</summary>
    [GeneratedRegex(@"^\| `src/(?<folder>[^`]+)` \|.*\| (?<uses>[^|]*) \|$")]
    private static partial Regex Row();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Bracketed();

    private sealed record Room(string Namespace, IReadOnlyList<string> MayUse)
    {
        public string Name => Namespace.Split('.')[^1];
    }

    private static readonly Assembly[] Assemblies =
    [
        typeof(BackupAcceptance.Amanda.Session.AmrecoverSession).Assembly,
        typeof(BackupAcceptance.Expectations.BackupTarget).Assembly,
        typeof(BackupAcceptance.Suite.Drivers.BackupDriver).Assembly,
        typeof(BackupAcceptance.ReqnrollNUnit.FeatureCatalog).Assembly,
        typeof(BackupAcceptance.Baseline.FeatureWriter).Assembly,
        typeof(BackupAcceptance.Outputs.OutputsRequest).Assembly,
        typeof(BackupAcceptance.Core.Sources.IBackupSource).Assembly,
        typeof(BackupAcceptance.Restic.ResticRepository).Assembly,
    ];

    private static IReadOnlyList<Room> Rooms()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var table = doc.SkipWhile(l => l != "## The rooms").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        var rows = table.Select(l => Row().Match(l)).Where(m => m.Success)
            .Select(m => (Namespace: m.Groups["folder"].Value.Replace('/', '.'), Uses: m.Groups["uses"].Value)).ToList();
        rows.Count.ShouldBeGreaterThan(5, "docs/architecture.md has its table of rooms");
        // "Run, Reporting, Expectations", "Expectations (types only)", "(none: ...)": the names, what is in brackets left out.
        return rows.Select(r => new Room(r.Namespace, Bracketed().Replace(r.Uses, "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList())).ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackupAcceptance.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("BackupAcceptance.sln not found above the test directory");
    }

    [Test]
    public void Every_project_and_suite_folder_is_a_room_of_the_table()
    {
        var rooms = Rooms().Select(r => r.Namespace).ToHashSet();
        var namespaces = Types.InAssemblies(Assemblies).GetTypes()
            .Select(t => t.Namespace ?? "").Where(n => n.StartsWith("BackupAcceptance.", StringComparison.Ordinal)).Distinct();
        // SuiteBootstrap.cs, at the Suite's root: the scenarios' NUnit fixture, in a namespace of its own for NUnit's tree.
        var homeless = namespaces.Where(n => !rooms.Any(r => n == r || n.StartsWith(r + ".", StringComparison.Ordinal))
            && n != "BackupAcceptance.Suite.Features").Order().ToList();
        homeless.ShouldBeEmpty("each namespace belongs to a room of docs/architecture.md");
    }

    /// <summary>The room's namespace and those below it, not a sibling that merely starts alike (Suite.Run, Suite.Runtime).</summary>
    private static PredicateList InRoom(Room room) =>
        Types.InAssemblies(Assemblies).That().ResideInNamespaceMatching($"^{Regex.Escape(room.Namespace)}(\\.|$)");

    [Test]
    public void Every_room_of_the_table_holds_code_this_test_reads()
    {
        // A row for a project this test does not load would be enforced on nothing.
        var empty = Rooms().Where(room => !InRoom(room).GetTypes().Any()).Select(room => room.Namespace).ToList();
        empty.ShouldBeEmpty();
    }

    [Test]
    public void No_room_uses_a_room_its_row_does_not_name()
    {
        var rooms = Rooms();
        var broken = new List<string>();
        foreach (var room in rooms)
        {
            var forbidden = rooms.Where(other => other != room && !room.MayUse.Contains(other.Name)
                && !room.Namespace.StartsWith(other.Namespace + ".", StringComparison.Ordinal)).Select(o => o.Namespace).ToArray();
            foreach (var other in forbidden)
            {
                var result = InRoom(room).ShouldNot().HaveDependencyOn(other).GetResult();
                if (!result.IsSuccessful)
                    broken.Add($"{room.Namespace} uses {other} (its row names {(room.MayUse.Count == 0 ? "none" : string.Join(", ", room.MayUse))}): " +
                               string.Join(", ", (result.FailingTypeNames ?? []).Select(t => t.Split('.')[^1])));
            }
        }
        broken.ShouldBeEmpty();
    }

    /// <summary>Inside each project, no two folders use each other, directly or round a longer loop: a folder can be read
    /// (and changed) knowing only the folders below it.</summary>
    [Test]
    public void No_folders_of_a_project_use_each_other()
    {
        var loops = new List<string>();
        var graphs = new Dictionary<string, Dictionary<string, List<string>>>();
        foreach (var assembly in Assemblies)
        {
            var project = assembly.GetName().Name!;
            var folders = Types.InAssembly(assembly).GetTypes().Select(t => t.Namespace ?? "")
                .Where(n => n.StartsWith(project + ".", StringComparison.Ordinal)).Select(n => n.Split('.')[2]).Distinct().Order().ToList();
            var uses = folders.ToDictionary(f => f, f => folders.Where(other => other != f && !Types.InAssembly(assembly).That()
                .ResideInNamespaceMatching($"^{Regex.Escape(project)}\\.{f}(\\.|$)").ShouldNot()
                .HaveDependencyOn($"{project}.{other}").GetResult().IsSuccessful).ToList());
            loops.AddRange(FolderLoops.Find(uses).Select(loop => $"{project}: {string.Join(", ", loop)} use each other"));
            graphs[project] = uses;
        }
        loops.ShouldBeEmpty();
        // The graph is read, not empty: edges the code is known to have are in it.
        graphs["BackupAcceptance.Expectations"]["Checks"].ShouldContain("Sessions");
        graphs["BackupAcceptance.Amanda"]["Walking"].ShouldContain("Session");
    }

    [Test]
    public void A_loop_of_three_folders_is_found_and_a_chain_is_not()
    {
        FolderLoops.Find(new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] })
            .ShouldHaveSingleItem().ShouldBe(["A", "B", "C"]);
        FolderLoops.Find(new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = [] }).ShouldBeEmpty();
    }

    /// <summary>The issue's promise, said once more on its own: the core names no backup system.</summary>
    [TestCase("BackupAcceptance.Amanda")]
    [TestCase("BackupAcceptance.Expectations")]
    [TestCase("BackupAcceptance.Restic")]
    [TestCase("BackupAcceptance.Suite")]
    public void The_core_knows_no_backup_system(string other)
    {
        var result = Types.InAssembly(typeof(BackupAcceptance.Core.Sources.IBackupSource).Assembly).ShouldNot().HaveDependencyOn(other).GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    /// <summary>Nor runs it a program, but for the data check (its sandbox and the reader's command).</summary>
    [Test]
    public void Only_the_data_check_runs_programs_in_the_core()
    {
        var result = Types.InAssembly(typeof(BackupAcceptance.Core.Sources.IBackupSource).Assembly)
            .That().DoNotResideInNamespace("BackupAcceptance.Core.DataChecks").ShouldNot().HaveDependencyOn("CliWrap").GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }
}
