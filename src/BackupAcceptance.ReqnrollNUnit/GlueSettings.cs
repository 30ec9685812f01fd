using System.Text;
using System.Text.Json;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// The two reqnroll.json settings that Reqnroll applies only when it generates code-behind:
/// <c>language.feature</c> and <c>generator.addNonParallelizableMarkerForTags</c>.
/// There is no generator here, so the glue applies them itself; the runtime reads the rest of reqnroll.json.
/// </summary>
public sealed record GlueSettings
{
    /// <summary>The file Reqnroll reads its configuration from.</summary>
    public const string FileName = "reqnroll.json";

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Settings when there is no reqnroll.json: English features, no serial tags.</summary>
    public static GlueSettings Default { get; } = new();

    /// <summary>Culture of feature files without a <c># language:</c> header, as configured (e.g. <c>en-US</c>).</summary>
    public string FeatureCulture { get; init; } = "en-US";

    /// <summary>Tags (without '@') whose scenarios NUnit must not run in parallel with others.</summary>
    public IReadOnlySet<string> NonParallelizableTags { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Gherkin dialect that <see cref="FeatureCulture"/> selects (e.g. <c>en</c>).</summary>
    public string GherkinDialect => GherkinDialects.ForCulture(FeatureCulture);

    /// <summary>
    /// Reads the reqnroll.json that the Reqnroll runtime of this process reads, looking where Reqnroll's own
    /// locator looks, so that the glue and the runtime can never disagree about the file.
    /// </summary>
    public static GlueSettings ForCurrentTestRun()
    {
        // Same order as Reqnroll's ReqnrollJsonLocator: the test assembly's directory (the app base under
        // dotnet test), two directories up, then the current directory.
        var baseDirectory = AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(baseDirectory, FileName),
            Path.Combine(baseDirectory, "..", "..", FileName),
            Path.Combine(Environment.CurrentDirectory, FileName),
        ];

        var path = candidates.FirstOrDefault(File.Exists);
        return path is null ? Default : FromFile(path);
    }

    /// <summary>Reads <c>reqnroll.json</c> in <paramref name="directory"/>, or gives <see cref="Default"/> if there is none.</summary>
    public static GlueSettings FromDirectory(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? FromFile(path) : Default;
    }

    /// <summary>Reads the given reqnroll.json file.</summary>
    public static GlueSettings FromFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            // Reqnroll would fail on the same file later; say which file, now.
            throw new InvalidDataException($"Cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Same culture and same set of tags: a set compares by content here, not by reference.</summary>
    public bool Equals(GlueSettings? other) =>
        other is not null &&
        string.Equals(FeatureCulture, other.FeatureCulture, StringComparison.OrdinalIgnoreCase) &&
        NonParallelizableTags.SetEquals(other.NonParallelizableTags);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(FeatureCulture);

    // Shows the tags themselves, not "HashSet`1", when a test or a log prints the settings.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"FeatureCulture = {FeatureCulture}, NonParallelizableTags = [{string.Join(", ", NonParallelizableTags)}]");
        return true;
    }

    /// <summary>Reads the glue's settings from reqnroll.json text; other settings are ignored.</summary>
    public static GlueSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json, JsonOptions);
        var root = document.RootElement;
        var settings = Default;

        if (root.TryGetProperty("language", out var language) &&
            language.TryGetProperty("feature", out var feature) &&
            feature.GetString() is { Length: > 0 } culture)
        {
            settings = settings with { FeatureCulture = culture };
        }

        if (root.TryGetProperty("generator", out var generator) &&
            generator.TryGetProperty("addNonParallelizableMarkerForTags", out var tags))
        {
            var names = tags.EnumerateArray()
                .Select(tag => GherkinTags.WithoutAt(tag.GetString() ?? ""))
                .Where(tag => tag.Length > 0);
            settings = settings with { NonParallelizableTags = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) };
        }

        return settings;
    }
}
