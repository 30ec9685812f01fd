using System.Text.RegularExpressions;
using BackupAcceptance.Expectations.Settings;
using BackupAcceptance.Tests.Support;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Settings;

/// <summary>The table of settings is the one source: docs/settings.md and --help's Environment section are made from
/// it (BACKUP_ACCEPTANCE_UPDATE_DOCS=1 rewrites both), and nothing reads a BACKUP_ACCEPTANCE_ variable it does not list.</summary>
public sealed partial class SettingsDocsTests
{
    private const string Regenerate = "BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~SettingsDocs";

    /// <summary>Set by run.sh or the tests for the processes they start, never by a site (docs/settings.md, "Not settings").</summary>
    private static readonly string[] NotSettings =
        ["RUN_ID", "SHARD", "PROGRESS", "SETTINGS_LINES", "REQUIRE_AMANDA", "UPDATE_DOCS"];

    private static bool Updating => Environment.GetEnvironmentVariable("BACKUP_ACCEPTANCE_UPDATE_DOCS") == "1";

    [GeneratedRegex(@"^Environment.*\n(?:  .*\n)*", RegexOptions.Multiline)]
    private static partial Regex HelpSection();

    [GeneratedRegex(@"BACKUP_ACCEPTANCE_([A-Z0-9_]*[A-Z0-9])")]
    private static partial Regex Variable();

    [Test]
    public void Docs_settings_md_is_current()
    {
        var path = Path.Combine(Repository.Root, "docs", "settings.md");
        var rendered = SettingsDocs.Markdown();
        if (Updating) File.WriteAllText(path, rendered);
        File.Exists(path).ShouldBeTrue($"{path} is missing: {Regenerate}");
        File.ReadAllText(path).ShouldBe(rendered, $"docs/settings.md is stale: {Regenerate}");
    }

    [Test]
    public void The_help_lists_every_setting_as_the_table_says()
    {
        var path = Path.Combine(Repository.Root, "run.sh");
        var script = File.ReadAllText(path);
        var found = HelpSection().Match(script);
        found.Success.ShouldBeTrue("run.sh's usage has no Environment section");
        if (Updating && found.Value != SettingsDocs.HelpSection())
        {
            script = script[..found.Index] + SettingsDocs.HelpSection() + script[(found.Index + found.Length)..];
            File.WriteAllText(path, script);
            found = HelpSection().Match(script);
        }
        found.Value.ShouldBe(SettingsDocs.HelpSection(), $"run.sh --help's Environment section is stale: {Regenerate}");
    }

    [Test]
    public void Every_line_of_the_help_fits_in_120_columns() =>
        SettingsDocs.HelpSection().Split('\n').Where(l => l.Length > 120).ShouldBeEmpty();

    /// <summary>A variable read anywhere in the suite or run.sh is a row of the table (or one of the few run.sh and the
    /// tests set for themselves): a setting read on its own, unchecked and unlisted, is what this table ended.</summary>
    [Test]
    public void Nothing_reads_a_setting_the_table_does_not_list()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal))
                        && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Append(Path.Combine(Repository.Root, "run.sh"))
            .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "run.d"), "*.sh"));
        var known = SettingCatalogue.All.Select(s => s.Name).Concat(NotSettings).ToHashSet(StringComparer.Ordinal);
        var unknown = files.SelectMany(f => Variable().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Repository.Root, f), Name: m.Groups[1].Value)))
            .Where(v => !known.Contains(v.Name))
            .Select(v => $"{v.File}: BACKUP_ACCEPTANCE_{v.Name}")
            .Distinct()
            .ToList();
        unknown.ShouldBeEmpty("add a row to SettingCatalogue.cs (docs/settings.md, 'Adding a setting')");
    }

    [Test]
    public void Names_and_keys_are_unique_and_well_formed()
    {
        SettingCatalogue.All.Select(s => s.Name).ShouldBeUnique();
        SettingCatalogue.All.ShouldAllBe(s => Regex.IsMatch(s.Name, "^[A-Z][A-Z0-9_]*$"));
        SettingCatalogue.All.Count.ShouldBeGreaterThanOrEqualTo(24);
        SettingCatalogue.All.Where(s => !s.InFile).Select(s => s.Name).ShouldBe(["SETTINGS"]);
    }
}
