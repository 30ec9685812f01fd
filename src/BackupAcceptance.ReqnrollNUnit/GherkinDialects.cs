using Gherkin;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>Maps a configured culture to the Gherkin dialect that parses feature files in it.</summary>
internal static class GherkinDialects
{
    /// <summary>
    /// Reqnroll configures cultures ("de-AT", "en-US"); Gherkin knows dialects ("de", "en-au").
    /// Tries the culture as given, lower-cased, then its neutral language; falls back to English.
    /// </summary>
    public static string ForCulture(string culture)
    {
        string[] candidates = [culture, culture.ToLowerInvariant(), culture.Split('-')[0].ToLowerInvariant()];
        foreach (var candidate in candidates)
        {
            if (IsKnown(candidate))
                return candidate;
        }

        return "en";
    }

    private static bool IsKnown(string dialect)
    {
        try
        {
            _ = new GherkinDialectProvider(dialect).DefaultDialect;
            return true;
        }
        catch (NoSuchLanguageException)
        {
            return false;
        }
    }
}
