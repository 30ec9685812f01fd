using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// One step's (or one scenario's) amrecover exchanges as the report and the test output keep them: kilobytes, however large the disk. A walk of a big disk
/// makes thousands of exchanges and a whole-disk restore lists every file it extracts; the reader needs how the step
/// began and how it ended, so the first and last exchanges are kept and each long output is cut to its head and tail.
/// What is left out is counted (exchanges by command, lines) and digested (SHA-256 of the text), never silently lost.
/// A failed step keeps a longer tail: the last exchanges are the failure's evidence.
/// </summary>
public static class AllureTranscript
{
    public const int HeadExchanges = 8, TailExchanges = 24, FailedTailExchanges = 60;
    public const int OutputHeadLines = 5, OutputTailLines = 10, FailedLastOutputLines = 60;

    /// <summary>The most characters a rendering holds, whatever its exchanges' lines (a name can be 4 KiB long).</summary>
    public const int MaxCharacters = 64 * 1024;

    /// <summary>A reader's own part of a session's transcript (<paramref name="whose"/>: "step", "scenario").</summary>
    public static string Render(TranscriptPart part, bool failed, string whose = "step") =>
        Render(part.Entries, part.NotKept, failed, whose);

    /// <summary>The part's commands alone, each with its time and the size and digest of its output: a passed
    /// scenario's test output, which every result of the run carries to the end (NUnit's result tree, vstest.console,
    /// the TRX) while the report's step attachments hold the outputs.</summary>
    public static string Commands(TranscriptPart part, string whose = "scenario") =>
        Render(part.Entries, part.NotKept, failed: false, whose, outputs: false);

    /// <param name="exchanges">The step's exchanges, oldest first.</param>
    /// <param name="notKept">Exchanges of the step the session's bounded transcript no longer holds (null: some, how
    /// many not known).</param>
    public static string Render(IReadOnlyList<TranscriptEntry> exchanges, long? notKept, bool failed, string whose = "step") =>
        Render(exchanges, notKept, failed, whose, outputs: true);

    private static string Render(IReadOnlyList<TranscriptEntry> exchanges, long? notKept, bool failed, string whose, bool outputs)
    {
        var text = new StringBuilder();
        if (notKept is null)
            text.Append(CultureInfo.InvariantCulture, $"(earlier exchanges of this {whose} not kept by the session's transcript window; how many is not known)\n");
        else if (notKept > 0)
            text.Append(CultureInfo.InvariantCulture, $"({notKept} earlier exchanges of this {whose} not kept by the session)\n");
        var tail = failed ? FailedTailExchanges : TailExchanges;
        var head = exchanges.Count > HeadExchanges + tail ? HeadExchanges : exchanges.Count;
        var tailStart = Math.Max(head, exchanges.Count - tail);
        for (var i = 0; i < head; i++) Append(text, exchanges[i], last: i == exchanges.Count - 1, failed, outputs);
        if (tailStart > head) text.AppendLine(LeftOut(exchanges.Skip(head).Take(tailStart - head).ToList()));
        for (var i = tailStart; i < exchanges.Count; i++) Append(text, exchanges[i], last: i == exchanges.Count - 1, failed, outputs);
        return TranscriptCut.Middle(text.ToString().TrimEnd('\n'), MaxCharacters, "the report");
    }

    private static void Append(StringBuilder text, TranscriptEntry exchange, bool last, bool failed, bool outputs)
    {
        var lines = exchange.Lines().ToList();
        text.AppendLine(lines[0]);
        var output = lines.Skip(1).ToList();
        if (!outputs)
        {
            if (output.Count > 0) text.AppendLine(CultureInfo.InvariantCulture, $"  ({output.Count} lines, sha256 {Digest(output)})");
            return;
        }
        var (headLines, tailLines) = last && failed ? (OutputHeadLines, FailedLastOutputLines) : (OutputHeadLines, OutputTailLines);
        if (output.Count <= headLines + tailLines + 1)
        {
            foreach (var line in output) text.AppendLine(line);
            return;
        }
        foreach (var line in output.Take(headLines)) text.AppendLine(line);
        var cut = output.Skip(headLines).Take(output.Count - headLines - tailLines).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"  … {cut.Count} lines left out (sha256 {Digest(cut)}) …");
        foreach (var line in output.Skip(output.Count - tailLines)) text.AppendLine(line);
    }

    private static string LeftOut(IReadOnlyList<TranscriptEntry> exchanges)
    {
        var commands = exchanges.GroupBy(e => Verb(e.Command)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        var lines = exchanges.SelectMany(e => e.Lines()).ToList();
        var took = TimeSpan.FromTicks(exchanges.Sum(e => e.Duration.Ticks));
        return string.Create(CultureInfo.InvariantCulture,
            $"… {exchanges.Count} exchanges left out ({string.Join(", ", commands)}; {lines.Count} lines, {took.TotalSeconds:0.0} s; sha256 {Digest(lines)}) …");
    }

    private static string Verb(string? command) => command is null ? "start" : command.Split(' ', 2)[0];

    /// <summary>Enough of SHA-256 to tell two texts apart when comparing runs; not a proof of anything.</summary>
    internal static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
}
