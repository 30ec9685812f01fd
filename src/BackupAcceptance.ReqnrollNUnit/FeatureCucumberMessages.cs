using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.RuntimeSupport;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// The static Cucumber messages of one feature (source, AST, pickles) for Reqnroll's formatters.
/// Reqnroll's generator embeds them as a resource; here they come straight from the parse.
/// </summary>
internal sealed class FeatureCucumberMessages(Source source, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    : IFeatureLevelCucumberMessages
{
    public bool HasMessages => true;

    public Source Source => source;

    public GherkinDocument GherkinDocument => document;

    public IEnumerable<Pickle> Pickles => pickles;
}
