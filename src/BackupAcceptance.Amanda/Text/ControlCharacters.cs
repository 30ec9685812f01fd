namespace BackupAcceptance.Amanda.Text;

/// <summary>
/// The one rule for control characters: bytes below 0x20 and DEL. readline acts on them (a TAB triggers completion,
/// a newline ends the command line), so none ever reaches amrecover's stdin. The session refuses them at its stdin,
/// the argument encoder before it builds an argument, and a target's names are checked with the same rule.
/// </summary>
public static class ControlCharacters
{
    public static bool IsControl(char ch) => ch < ' ' || ch == '\x7F';

    public static bool AnyIn(string text) => text.Any(IsControl);

    /// <exception cref="ArgumentException"><paramref name="value"/> holds a control character.</exception>
    public static void Refuse(string value, string parameterName)
    {
        if (AnyIn(value))
            throw new ArgumentException($"'{value.ReplaceLineEndings("\\n")}' contains a control character, which is never sent to amrecover.", parameterName);
    }
}
