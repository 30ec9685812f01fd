using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Tests.Outputs;

/// <summary>One sample as the Prometheus client's own parser read it.</summary>
internal sealed record ParsedSample(string Family, string Type, string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>The text exposition format read by a parser that is not ours: the Prometheus Python client's
/// (<c>prometheus_client.parser.text_string_to_metric_families</c>, Debian's python3-prometheus-client, which
/// ./run.sh test installs). It refuses what a scrape would refuse: bad escapes, a sample before its TYPE, a bad value.</summary>
internal static class PrometheusParser
{
    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
        print(json.dumps(out))
        """;

    public static async Task<IReadOnlyList<ParsedSample>> ParseAsync(string text, CancellationToken cancellationToken = default)
    {
        // Debian's own python3: one earlier on PATH (pyenv, a venv) does not see Debian's packages.
        const string python = "/usr/bin/python3";
        var result = await Cli.Wrap(python).WithArguments(["-c", Script]).WithStandardInputPipe(PipeSource.FromString(text))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.StandardError.Contains("No module named 'prometheus_client'", StringComparison.Ordinal)
                ? "Debian's python3-prometheus-client is missing: apt-get install python3-prometheus-client (./run.sh test installs it)"
                : $"the Prometheus parser refused the text: {result.StandardError}\n{text}");
        return [.. JsonNode.Parse(result.StandardOutput)!.AsArray().Select(s => new ParsedSample(
            (string)s!["family"]!, (string)s["type"]!, (string)s["name"]!,
            s["labels"]!.AsObject().ToDictionary(l => l.Key, l => (string)l.Value!), (double)s["value"]!))];
    }
}
