using System.Text;

namespace BackupAcceptance.Amanda.Session;

/// <summary>
/// Cuts amrecover's stdout into one frame per command (docs/amrecover.md, section 2). amrecover writes its prompt
/// <c>amrecover> </c> without a newline and readline echoes each command line first, so a frame is: the echo line
/// (dropped), the output, and the prompt at the very end of what has arrived. Bytes arrive in arbitrary chunks,
/// so the prompt only counts at the start of a line: a listed name can never start a line (every <c>ls</c> line
/// starts with a date), which keeps a file called <c>amrecover> </c> from ending a frame early. <c>setdate</c>
/// errors are the one known output without a final newline; the caller allows that glued prompt for them.
/// Extract's questions (<c>Continue [?/Y/n]? </c>) are not echoed and end in <c>]? </c> or <c>]: </c>.
/// Pipelined commands (several sent before the first reply) make a frame end at the first prompt at a line start,
/// and what follows it is kept for the next frame.
/// </summary>
public sealed class PromptFramer
{
    public static readonly byte[] Prompt = "amrecover> "u8.ToArray();
    private static readonly string[] QuestionStarts = ["Continue [", "New device name ["];

    private readonly List<byte> _buffer = [];
    private bool _awaitingEcho;
    private bool _allowGluedPrompt;
    private bool _acceptQuestions;
    private bool _pipelined;
    private int _scanFrom; // pipelined: the start of the first line not yet checked for a prompt

    /// <summary>Starts a new frame: what comes next answers a command (echoed) or a question/start-up (not echoed).</summary>
    /// <param name="pipelined">More commands were sent after this one: keep what arrived beyond the last frame, and end
    /// this frame at the first prompt that starts a line. Only for commands whose output lines never start with the
    /// prompt's text (<c>ls</c>, whose lines start with a date; <c>cd</c> to a plain path).</param>
    public void Expect(bool echoed, bool allowGluedPrompt = false, bool acceptQuestions = false, bool pipelined = false)
    {
        if (!pipelined) _buffer.Clear();
        _awaitingEcho = echoed;
        _allowGluedPrompt = allowGluedPrompt;
        _acceptQuestions = acceptQuestions;
        _pipelined = pipelined;
        _scanFrom = 0;
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

        if (_pipelined) return TakeFirstPrompt(start);

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

    private Frame? TakeFirstPrompt(int start)
    {
        var line = Math.Max(start, _scanFrom);
        while (line < _buffer.Count)
        {
            if (StartsWithPromptAt(line))
            {
                var output = Encoding.Latin1.GetString(_buffer.GetRange(start, line - start).ToArray());
                _buffer.RemoveRange(0, line + Prompt.Length); // the next frames' bytes stay
                _scanFrom = 0;
                return new Frame(output, FrameEnd.Prompt);
            }
            var newline = _buffer.IndexOf((byte)'\n', line);
            if (newline < 0) break; // an unfinished line, perhaps a prompt still arriving
            line = newline + 1;
        }
        _scanFrom = line;
        return null;
    }

    private bool StartsWithPromptAt(int offset)
    {
        if (_buffer.Count - offset < Prompt.Length) return false;
        for (var i = 0; i < Prompt.Length; i++)
            if (_buffer[offset + i] != Prompt[i]) return false;
        return true;
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
