using System.Text;

namespace BackupAcceptance.Amanda.Text;

/// <summary>
/// A file or directory name exactly as amrecover's bytes carry it. Names in a backup need not be valid UTF-8,
/// so the bytes are kept one char per byte (Latin-1) and only decoded for display.
/// </summary>
public readonly record struct RawName(string Latin1)
{
    public static RawName FromBytes(ReadOnlySpan<byte> bytes) => new(Encoding.Latin1.GetString(bytes));

    /// <summary>A name typed by a person (a Gherkin table, a step argument): its UTF-8 bytes.</summary>
    public static RawName FromDisplay(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    public byte[] ToBytes() => Encoding.Latin1.GetBytes(Latin1);

    /// <summary>UTF-8 rendering for messages and reports; invalid bytes become U+FFFD.</summary>
    public string Display => Encoding.UTF8.GetString(ToBytes());

    public bool IsEmpty => string.IsNullOrEmpty(Latin1);

    public override string ToString() => Display;
}
