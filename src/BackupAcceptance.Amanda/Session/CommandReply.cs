namespace BackupAcceptance.Amanda.Session;

/// <summary>What amrecover answered to one command. <see cref="Output"/> is Latin-1 (one char per byte) so names
/// that are not valid UTF-8 survive parsing; <see cref="Text"/> is the UTF-8 rendering for people.</summary>
public sealed record CommandReply(string Command, string Output, string Stderr, TimeSpan Duration, FrameEnd End)
{
    public string Text => Transcript.Utf8(Output);

    public IEnumerable<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
}
