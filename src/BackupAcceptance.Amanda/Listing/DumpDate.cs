using System.Globalization;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// The timestamp of a dump as amrecover prints it, <c>YYYY-MM-DD-HH-MM-SS</c>, in the Amanda server's local time.
/// It names a dump (every <c>ls</c> line carries it), so it is also what <c>setdate</c> is given. A date typed with
/// less precision (<c>2026-11-25</c>) keeps it: amindexd compares only as many characters as it is given, so
/// "on or before 2026-11-25" includes that whole day, while <c>2026-11-25-00-00-00</c> would not.
/// </summary>
public readonly record struct DumpDate(DateTime Value, DumpDatePrecision Precision = DumpDatePrecision.Second) : IComparable<DumpDate>
{
    private const string Format = "yyyy-MM-dd-HH-mm-ss";

    private static readonly (string Format, DumpDatePrecision Precision)[] Formats =
    [
        (Format, DumpDatePrecision.Second),
        ("yyyy-MM-dd-HH-mm", DumpDatePrecision.Minute),
        ("yyyy-MM-dd", DumpDatePrecision.Day),
        ("yyyyMMddHHmmss", DumpDatePrecision.Second),
    ];

    public static DumpDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not an Amanda dump date ({Format}).");

    public static bool TryParse(string text, out DumpDate date)
    {
        foreach (var (format, precision) in Formats)
        {
            if (DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                date = new DumpDate(value, precision);
                return true;
            }
        }
        date = default;
        return false;
    }

    /// <summary>How long ago the dump was taken; the Amanda server's clock is this machine's when the host is local.</summary>
    public TimeSpan AgeAt(DateTime localNow) => localNow - Value;

    /// <summary>The argument for <c>setdate</c>, at the precision the date was given with.</summary>
    public string SetDateArgument => Value.ToString(Precision switch
    {
        DumpDatePrecision.Day => "yyyy-MM-dd",
        DumpDatePrecision.Minute => "yyyy-MM-dd-HH-mm",
        _ => Format,
    }, CultureInfo.InvariantCulture);

    public int CompareTo(DumpDate other) => Value.CompareTo(other.Value);

    public override string ToString() => SetDateArgument;
}

/// <summary>How precisely a dump date was written.</summary>
public enum DumpDatePrecision
{
    Second,
    Minute,
    Day,
}
