using System.Globalization;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// The timestamp of a dump as amrecover prints it, <c>YYYY-MM-DD-HH-MM-SS</c>, in the Amanda server's local time.
/// It names a dump (every <c>ls</c> line carries it), so it is also what <c>setdate</c> is given.
/// </summary>
public readonly record struct DumpDate(DateTime Value) : IComparable<DumpDate>
{
    private const string Format = "yyyy-MM-dd-HH-mm-ss";

    public static DumpDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not an Amanda dump date ({Format}).");

    public static bool TryParse(string text, out DumpDate date)
    {
        var formats = new[] { Format, "yyyy-MM-dd-HH-mm", "yyyy-MM-dd", "yyyyMMddHHmmss" };
        var ok = DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value);
        date = new DumpDate(value);
        return ok;
    }

    /// <summary>How long ago the dump was taken; the Amanda server's clock is this machine's when the host is local.</summary>
    public TimeSpan AgeAt(DateTime localNow) => localNow - Value;

    public int CompareTo(DumpDate other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(Format, CultureInfo.InvariantCulture);
}
