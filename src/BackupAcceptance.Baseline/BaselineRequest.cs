namespace BackupAcceptance.Baseline;

/// <summary>What to write a baseline of and how strict it is. The numbers are stated in the file it writes.</summary>
/// <param name="KeepPercent">"at least N files" asks for this share of today's count (rounded down, at least 1).</param>
/// <param name="DriftPercent">"within P% of the previous dump", where the disk has one.</param>
/// <param name="Paths">How many top-level paths each disk must keep holding.</param>
public sealed record BaselineRequest(
    string Config,
    string? Host,
    string Output,
    bool Force,
    int KeepPercent = 90,
    int DriftPercent = 10,
    int Paths = 3)
{
    public const string Usage = """
        Usage: baseline CONFIG [HOST] [--out FILE] [--force] [--keep PERCENT] [--drift PERCENT] [--paths N]
          (--keep 1-100, --drift 0-1000, --paths 0-20)
          Writes a feature file with one scenario per disk of CONFIG (of HOST only, when given), from its dumps now:
            the latest dump no older than the run interval (dumpcycle / runspercycle) + 2 hours,
            a level 0 no older than dumpcycle + 1 days,
            at least KEEP% (default 90) of today's file count,
            a file count within DRIFT% (default 10) of the previous dump, where there is one,
            the first N (default 3) top-level paths.
          --out FILE   where to write (default: baseline-CONFIG[-HOST].feature in the current directory)
          --force      overwrite FILE if it exists (never done otherwise)
        """;

    /// <returns>The request, or null with the reason the arguments are wrong.</returns>
    public static (BaselineRequest? Request, string Error) Parse(IReadOnlyList<string> arguments)
    {
        var words = new List<string>();
        string? output = null;
        var force = false;
        int keep = 90, drift = 10, paths = 3;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--force") { force = true; continue; }
            if (argument is "--out" or "--keep" or "--drift" or "--paths")
            {
                if (i + 1 >= arguments.Count) return (null, $"{argument} needs a value");
                var value = arguments[++i];
                int? number = argument switch
                {
                    "--keep" => Number(value, 1, 100),
                    "--drift" => Number(value, 0, 1000),
                    "--paths" => Number(value, 0, 20),
                    _ => 0,
                };
                if (number is null) return (null, $"{argument}: '{value}' is not a whole number in its range (see --help)");
                switch (argument)
                {
                    case "--out": output = value; break;
                    case "--keep": keep = number.Value; break;
                    case "--drift": drift = number.Value; break;
                    default: paths = number.Value; break;
                }
                continue;
            }
            if (argument.StartsWith('-')) return (null, $"unknown option {argument}");
            words.Add(argument);
        }
        if (words.Count is < 1 or > 2) return (null, "expected CONFIG and at most one HOST");
        var config = words[0];
        var host = words.Count == 2 ? words[1] : null;
        output ??= $"baseline-{config}{(host is null ? "" : $"-{host}")}.feature";
        return (new BaselineRequest(config, host, Path.GetFullPath(output), force, keep, drift, paths), "");
    }

    private static int? Number(string text, int minimum, int maximum) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n >= minimum && n <= maximum ? n : null;
}
