namespace BackupAcceptance.Amanda.Session;

/// <summary>What ended a frame of amrecover output: its readline prompt, or one of extract's questions.</summary>
public enum FrameEnd
{
    Prompt,
    Question,
}

/// <summary>The stdout of one exchange with amrecover, echo and prompt removed (Latin-1: one char per byte).</summary>
public sealed record Frame(string Output, FrameEnd End);
