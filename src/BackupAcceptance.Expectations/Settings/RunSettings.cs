namespace BackupAcceptance.Expectations.Settings;

/// <summary>
/// The settings of one run, read once from the environment (where run.d/settings.sh has put the settings file's values
/// under the environment's own, and run.sh its flags over both) and checked once, each by its row of
/// <see cref="SettingCatalogue"/>. Everything that used to read a BACKUP_ACCEPTANCE_ variable gets its value from here.
/// A value that breaks its rule is kept out (its default holds) and listed in <see cref="Problems"/>; the run refuses to
/// start on any (<see cref="Validated"/>), so no check ever runs on a setting it could not read.
/// </summary>
public sealed record RunSettings
{
    /// <summary>Which keys run.d/settings.sh took from the file, and from which lines: "command_timeout:4 results:2".</summary>
    public const string LinesVariable = Setting.Prefix + "SETTINGS_LINES";

    private readonly IReadOnlyDictionary<string, SettingValue> _values;

    private RunSettings(IReadOnlyDictionary<string, SettingValue> values, IReadOnlyList<string> problems)
    {
        _values = values;
        Problems = problems;
    }

    /// <summary>Every setting of the catalogue, in its order.</summary>
    public IReadOnlyList<SettingValue> Values => SettingCatalogue.All.Select(s => _values[s.Name]).ToList();

    /// <summary>Each setting whose value breaks its rule: "NAME: why (where it was set)".</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Every setting at its default.</summary>
    public static RunSettings Defaults { get; } = Read(_ => null);

    public static RunSettings FromEnvironment() => Read(Environment.GetEnvironmentVariable);

    /// <summary>Reads and checks every setting of the catalogue; never throws (see <see cref="Validated"/>).</summary>
    public static RunSettings Read(Func<string, string?> env)
    {
        var fromFile = FileLines(env);
        var file = env(SettingCatalogue.Settings.Variable)?.Trim();
        var values = new Dictionary<string, SettingValue>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var setting in SettingCatalogue.All)
        {
            var text = env(setting.Variable)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                values[setting.Name] = new SettingValue(setting, null, "default");
                continue;
            }
            var origin = fromFile.TryGetValue(setting.Key, out var line) && !string.IsNullOrEmpty(file) ? $"{file} line {line}" : "environment";
            if (setting.Kind.Problem(text) is { } problem)
            {
                // A secret's value is never repeated, not even in the sentence that refuses it.
                problems.Add($"{setting.Variable}: {(setting.Secret ? "the value set" : problem)} ({origin})");
                values[setting.Name] = new SettingValue(setting, null, "default");
            }
            else
            {
                values[setting.Name] = new SettingValue(setting, text, origin);
            }
        }
        return new RunSettings(values, problems);
    }

    /// <summary>These settings, or the input error that names every bad one.</summary>
    /// <exception cref="SettingsException">Any setting breaks its rule.</exception>
    public RunSettings Validated() => Problems.Count == 0 ? this : throw new SettingsException(Problems);

    /// <summary>The value as set (trimmed), or null when the default holds.</summary>
    public string? Text(Setting setting) => _values[setting.Name].Value;

    public TimeSpan? Seconds(Setting setting) => Text(setting) is { } text ? SettingKind.Seconds.Parse(text) : null;

    public long? Number(Setting setting) => Text(setting) is { } text ? SettingKind.WholeNumber.Parse(text) : null;

    /// <summary>The word chosen, lower case, or the default's.</summary>
    public string Choice(Setting setting) => (Text(setting) ?? setting.Default).ToLowerInvariant();

    /// <summary>The path made absolute (from the current folder), or null when the default holds.</summary>
    public string? FullPath(Setting setting) => Text(setting) is { } text ? Path.GetFullPath(text) : null;

    public IReadOnlyList<string> Words(Setting setting) =>
        Text(setting)?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>This run's settings as the report records them: "command_timeout" → "90 from environment".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Effective() =>
        Values.Select(v => KeyValuePair.Create(v.Setting.Key, v.Shown)).ToList();

    private static Dictionary<string, string> FileLines(Func<string, string?> env) =>
        (env(LinesVariable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
}
