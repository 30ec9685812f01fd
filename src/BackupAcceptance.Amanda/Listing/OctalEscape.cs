namespace BackupAcceptance.Amanda.Listing;

/// <summary>The octal escape Amanda's quoting and GNU tar's both use: a backslash and up to three octal digits.</summary>
internal static class OctalEscape
{
    /// <summary>Reads the digits starting at <paramref name="index"/> (just after the backslash) and leaves
    /// <paramref name="index"/> on the last digit read, as a for-loop over the text expects.</summary>
    public static char Read(string text, ref int index)
    {
        var value = 0;
        var digits = 0;
        while (digits < 3 && index < text.Length && text[index] is >= '0' and <= '7')
        {
            value = (value << 3) + (text[index++] - '0');
            digits++;
        }
        index--;
        return (char)(value & 0xFF);
    }
}
