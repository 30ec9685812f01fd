using System.Globalization;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Parses one feature file with the Gherkin parser Reqnroll itself depends on, and compiles its pickles.
/// A file that cannot be read or parsed becomes an unloadable feature, so it is reported, never dropped.
/// </summary>
internal static class FeatureParser
{
    public static FeatureDefinition Parse(FeatureFileSet files, string file, GlueSettings settings, UniqueNames fixtureNames)
    {
        var relativePath = files.RelativePathOf(file);
        var fileIdentifier = TestIdentifier.From(Path.GetFileNameWithoutExtension(file)) + "Feature";

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (System.Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FeatureDefinition.Unloadable(relativePath, file, fixtureNames.Claim(fileIdentifier), settings,
                $"Cannot read feature file {relativePath} ({file}): {ex.Message}");
        }

        // Guid ids: pickle ids must be unique across all features of a run for Reqnroll's message formatters.
        var ids = new GuidIdGenerator();
        GherkinDocument document;
        try
        {
            var ast = new Parser().Parse(new TokenScanner(new StringReader(text)), new TokenMatcher(settings.GherkinDialect));
            document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, relativePath);
        }
        catch (ParserException ex)
        {
            return FeatureDefinition.Unloadable(relativePath, file, fixtureNames.Claim(fileIdentifier), settings,
                SyntaxError(relativePath, file, ex));
        }

        var pickles = new PickleCompiler(ids).Compile(document);
        var feature = document.Feature;
        var title = string.IsNullOrWhiteSpace(feature?.Name) ? Path.GetFileNameWithoutExtension(file) : feature.Name;
        var tags = GherkinTags.Names(feature?.Tags);
        var messages = new FeatureCucumberMessages(
            new Source(relativePath, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN), document, pickles);

        var definition = new FeatureDefinition
        {
            RelativePath = relativePath,
            FullPath = file,
            Title = title,
            Tags = tags,
            FixtureName = fixtureNames.Claim(TestIdentifier.From(title) + "Feature"),
            FeatureInfo = new FeatureInfo(
                CultureOf(feature, settings), Path.GetDirectoryName(relativePath)?.Replace('\\', '/') ?? "", title,
                feature?.Description?.Trim() ?? "", ProgrammingLanguage.CSharp, tags, messages),
            Settings = settings,
        };
        definition.Scenarios = ScenarioMapper.Map(definition, document, pickles);
        return definition;
    }

    // "Broken.feature:4: (4:3): expected: ...": the parser's own words, after the file and line.
    private static string SyntaxError(string relativePath, string file, ParserException exception)
    {
        var errors = exception is CompositeParserException composite ? composite.Errors : [exception];
        var lines = errors.Select(error => error.Location is { } location
            ? $"  {relativePath}:{location.Line}: {error.Message}"
            : $"  {relativePath}: {error.Message}");

        return $"Gherkin syntax error in {relativePath} ({file}):{Environment.NewLine}" +
               string.Join(Environment.NewLine, lines);
    }

    // As Reqnroll's generator does: the configured culture unless a '# language:' header chose another dialect.
    private static CultureInfo CultureOf(Feature? feature, GlueSettings settings)
    {
        var name = feature is null || feature.Language == settings.GherkinDialect ? settings.FeatureCulture : feature.Language;
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            // Some Gherkin dialects ("en-pirate", "em") are no .NET culture.
            return CultureInfo.InvariantCulture;
        }
    }
}
