using System.Text;

namespace BackupAcceptance.Expectations.Settings;

/// <summary>The two texts made from <see cref="SettingCatalogue"/>: the Environment section of <c>./run.sh --help</c>
/// (run.d/settings.sh reads the settings file's keys from it) and docs/settings.md. Tests keep both in step.</summary>
public static class SettingsDocs
{
    public const string HelpHeading = "Environment (each also a key of the settings file, e.g. command_timeout = 90; docs/settings.md):";

    private const int Width = 120;
    private const int Column = 42;

    /// <summary>The section as run.sh's usage prints it: the heading, then one entry per setting, wrapped at 120.</summary>
    public static string HelpSection()
    {
        var text = new StringBuilder(HelpHeading).Append('\n');
        foreach (var setting in SettingCatalogue.All)
        {
            var line = new StringBuilder("  " + setting.Variable.PadRight(Column - 3) + " ");
            foreach (var word in $"{setting.Meaning} (default: {setting.Default})".Split(' '))
            {
                if (line.Length + word.Length > Width && line.Length > Column)
                {
                    text.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(' ', Column);
                }
                line.Append(word).Append(' ');
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>docs/settings.md.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("""
            # Settings

            <!-- Generated from src/BackupAcceptance.Expectations/Settings/SettingCatalogue.cs; do not edit. Regenerate with
                 BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~SettingsDocs -->

            Every setting of the suite is an environment variable `BACKUP_ACCEPTANCE_<NAME>` and a key of the settings file.
            Each is resolved once per run, in this order, the later winning:

            1. the settings file: `/etc/backup-acceptance/settings.conf`, or the file `BACKUP_ACCEPTANCE_SETTINGS` names
               (a missing default file is fine; a missing named file stops the run, exit 2);
            2. the environment: a variable that is set and not empty wins over the file;
            3. run.sh's flags: `--features` over `BACKUP_ACCEPTANCE_FEATURES`, `--shard`.

            run.sh reads the file (`load_settings`, run.d/settings.sh) and exports each of its keys the environment does not
            set; the suite then reads every setting from the environment once, checks each by its rule below, and hands the
            values to what uses them. A bad value stops the run before anything is checked, as an input error (exit 2)
            that names the setting and where it was set:

                BROKEN settings / BACKUP_ACCEPTANCE_COMMAND_TIMEOUT
                        Input error: BACKUP_ACCEPTANCE_COMMAND_TIMEOUT: 'abc' is not a positive number of seconds (/etc/backup-acceptance/settings.conf line 4)

            ## The settings file

            ```
            # /etc/backup-acceptance/settings.conf
            features = /etc/backup-acceptance/features
            results = /var/lib/backup-acceptance/results
            results_group = backup
            command_timeout = 90
            restore_dir = /var/tmp/backup-acceptance
            ```

            - One `key = value` per line; spaces around `=` and the value are dropped; a value may be quoted with `"` or `'`
              (the quotes are dropped). Lines that start with `#` are comments, as are empty lines; a `#` after a value is
              part of the value.
            - Keys are the names below without the prefix, in lower case, with `_` or `-`: `command_timeout`, `command-timeout`.
            - A key the suite does not know, a line that is not `key = value`, or a key given twice stops the run (exit 2),
              naming the key and its line: a typo never falls back to a default silently.
            - The file names commands and folders a root run uses, so it is read only when no other user could have written
              it: it and every folder above it belong to root or to the user running the suite, and none of them is writable
              by its group or others (unless sticky, like /tmp). Otherwise the run is refused, naming the file or folder, its
              owner and mode (the same rule as the results folder, docs/security.md).
            - Paths are best absolute: a relative one is taken from the folder run.sh is started in.
            - Only run.sh reads the file: a plain `dotnet test` of the suite sees the environment alone.

            ## What a run records

            `results/settings.txt` and the report's environment (`settings.<key>` in Allure's Environment panel) list every
            setting with its value and where it came from (`90 from /etc/backup-acceptance/settings.conf line 4`,
            `from environment`, or `(default: 60)`). A row marked secret (`secret: true` in its `Row(...)`) is recorded as
            `(set, not shown)` and never repeated in an error; no setting is secret today.

            ## All settings

            | Variable | File key | Default | Values | Meaning |
            |---|---|---|---|---|

            """);
        foreach (var setting in SettingCatalogue.All)
            text.Append(CultureInfoInvariant($"| `{setting.Variable}` | {(setting.InFile ? $"`{setting.Key}`" : "(not in the file)")} | {Cell(setting.Default)} | {Cell(setting.Kind.Shape)} | {Cell(setting.Meaning)} |\n"));
        text.Append("""

            ## Not settings

            Set by run.sh or by the project's tests for the processes they start, never in the settings file:
            `BACKUP_ACCEPTANCE_RUN_ID` (finds a run's processes), `BACKUP_ACCEPTANCE_SHARD` (from `--shard`),
            `BACKUP_ACCEPTANCE_PROGRESS` (the progress line at a terminal), `BACKUP_ACCEPTANCE_SETTINGS_LINES` (which keys came
            from the file, and from which lines), `BACKUP_ACCEPTANCE_REQUIRE_AMANDA` and `BACKUP_ACCEPTANCE_UPDATE_DOCS` (the
            project's own tests).

            ## Adding a setting

            1. Add one row to `SettingCatalogue.cs` (name, kind, default, meaning); read it where it is used from the run's
               `RunSettings` (`settings.Seconds(SettingCatalogue.MySetting)`, `Text`, `Number`, `Choice`, `FullPath`,
               `Words`), never from the environment.
            2. Regenerate this page and the Environment section of `./run.sh --help` (the settings file accepts the key from
               then on): `BACKUP_ACCEPTANCE_UPDATE_DOCS=1 dotnet test tests/BackupAcceptance.Tests --filter FullyQualifiedName~SettingsDocs`.
            3. A secret (a password, a token): give its row `secret: true`; it is then recorded as set, never by value, and a bad
               value is refused without repeating it.

            """);
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
