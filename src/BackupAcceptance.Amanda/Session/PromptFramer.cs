using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Cuts amrecover's stdout into one frame per command (amanda-facts §6.3). amrecover writes its prompt
/// <c>amrecover> </c> without a newline and readline echoes each command line first, so a frame is: the echo line
/// (dropped), the output, and the prompt at the very end of what has arrived. Bytes arrive in arbitrary chunks,
/// so the prompt only counts at the start of a line: a listed name can never start a line (every <c>ls</c> line
/// starts with a date), which keeps a file called <c>amrecover> </c> from ending a frame early. <c>setdate</c>
/// errors are the one known output without a final newline; the caller allows that glued prompt for them.
/// Extract's questions (<c>Continue [?/Y/n]? </c>) are not echoed and end in <c>]? </c> or <c>]: </c>.
/// </summary>
public sealed class PromptFramer
{
    public static readonly byte[] Prompt = "amrecover> "u8.ToArray();
    private static readonly string[] QuestionStarts = ["Continue [", "New device name ["];

    private readonly List<byte> _buffer = [];
    private bool _awaitingEcho;
    private bool _allowGluedPrompt;
    private bool _acceptQuestions;

    /// <summary>Starts a new frame: what comes next answers a command (echoed) or a question/start-up (not echoed).</summary>
    public void Expect(bool echoed, bool allowGluedPrompt = false, bool acceptQuestions = false)
    {
        _buffer.Clear();
        _awaitingEcho = echoed;
        _allowGluedPrompt = allowGluedPrompt;
        _acceptQuestions = acceptQuestions;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) _buffer.Add(b);
    }

    /// <summary>Everything received for the current frame so far, for error messages when amrecover stops answering.</summary>
    public string Pending => Encoding.Latin1.GetString(_buffer.ToArray());

    public Frame? TryTake()
    {
        var start = 0;
        if (_awaitingEcho)
        {
            var newline = _buffer.IndexOf((byte)'\n');
            if (newline < 0) return null;
            start = newline + 1;
        }
        var length = _buffer.Count - start;

        if (length >= Prompt.Length && EndsWith(Prompt))
        {
            var promptAt = _buffer.Count - Prompt.Length;
            var atLineStart = promptAt == start || _buffer[promptAt - 1] == (byte)'\n';
            if (atLineStart || _allowGluedPrompt)
                return Take(start, promptAt, FrameEnd.Prompt);
        }

        if (_acceptQuestions && (EndsWith("]? "u8) || EndsWith("]: "u8)))
        {
            var lastLineStart = _buffer.LastIndexOf((byte)'\n') + 1;
            if (lastLineStart < start) lastLineStart = start;
            var lastLine = Encoding.Latin1.GetString(_buffer.GetRange(lastLineStart, _buffer.Count - lastLineStart).ToArray());
            if (QuestionStarts.Any(q => lastLine.StartsWith(q, StringComparison.Ordinal)))
                return Take(start, _buffer.Count, FrameEnd.Question);
        }
        return null;
    }

    private Frame Take(int start, int end, FrameEnd kind)
    {
        var output = Encoding.Latin1.GetString(_buffer.GetRange(start, end - start).ToArray());
        _buffer.Clear();
        return new Frame(output, kind);
    }

    private bool EndsWith(ReadOnlySpan<byte> suffix)
    {
        if (_buffer.Count < suffix.Length) return false;
        var offset = _buffer.Count - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
            if (_buffer[offset + i] != suffix[i]) return false;
        return true;
    }
}
