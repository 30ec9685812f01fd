using System.Globalization;

namespace BackupAcceptance.Amanda.Listing;

/// <summary>
/// The timestamp of a dump as amrecover prints it, <c>YYYY-MM-DD-HH-MM-SS</c>, in the Amanda server's local time.
/// It names a dump (every <c>ls</c> line carries it), so it is also what <c>setdate</c> is given, at the precision it
/// was written with. Which dumps a working date takes in is amrecover's rule (<see cref="Admits"/>), observed on
/// Amanda 3.5.1: a day takes in that whole day, anything finer is an instant whose missing seconds are zero.
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

    /// <summary>How long ago the dump was taken; the Amanda server's clock is this machine's when the host is local.
    /// Real time, not wall-clock time: across a daylight-saving change a dump 24 wall-clock hours old is 23 or 25 hours
    /// old, as the core's rules measure it.</summary>
    public TimeSpan AgeAt(DateTime localNow) => new DateTimeOffset(localNow) - Moment;

    /// <summary>The moment it names, at this machine's offset at that moment (daylight saving): the Amanda server's clock
    /// is this machine's when the host is local.</summary>
    public DateTimeOffset Moment => MomentIn(TimeZoneInfo.Local);

    /// <summary>The moment it names in <paramref name="zone"/>. amrecover compares dates as written, so the order of
    /// moments must be the order of the text: an hour repeated in autumn is read at the zone's standard offset, and a
    /// time the clock skipped in spring stands just before the first moment after the gap (after every dump before it,
    /// before every dump after it). Beyond the calendar's ends it is the end.</summary>
    public DateTimeOffset MomentIn(TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(Value, DateTimeKind.Unspecified);
        if (!zone.IsInvalidTime(local)) return At(local, zone.GetUtcOffset(local));
        var after = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0).AddMinutes(1);
        while (zone.IsInvalidTime(after)) after = after.AddMinutes(1);
        return At(after, zone.GetUtcOffset(after)).AddTicks(-1);
    }

    private static DateTimeOffset At(DateTime local, TimeSpan offset)
    {
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks) return DateTimeOffset.MinValue;
        if (utcTicks > DateTime.MaxValue.Ticks) return DateTimeOffset.MaxValue;
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The last moment this date admits as a working date (<see cref="Admits"/>): a day takes in all of it, a
    /// minute or a second only its own instant.</summary>
    public DateTimeOffset LatestAdmitted => Precision != DumpDatePrecision.Day ? Moment
        : Value.Date == DateTime.MaxValue.Date ? DateTimeOffset.MaxValue
        : new DumpDate(Value.Date.AddDays(1).AddTicks(-1)).Moment;

    /// <summary>The argument for <c>setdate</c>, at the precision the date was given with.</summary>
    public string SetDateArgument => Value.ToString(Precision switch
    {
        DumpDatePrecision.Day => "yyyy-MM-dd",
        DumpDatePrecision.Minute => "yyyy-MM-dd-HH-mm",
        _ => Format,
    }, CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether amrecover, with this as its working date, may show <paramref name="dump"/>: the newest dump it admits is
    /// the one <c>setdate</c> browses. Observed on Amanda 3.5.1 with dumps at 14:23:33, 14:24:18 and 14:24:36:
    /// <c>setdate 2026-12-06-14-24</c> answers <c>200 Working date set to 2026-12-06-14-24-00.</c> and shows the dump
    /// of 14:23:33 (both 14:24 dumps are after 14:24:00); <c>setdate 2026-12-06-14-23</c> finds no dump at all;
    /// <c>setdate 2026-12-06</c> keeps the day (<c>200 Working date set to 2026-12-06.</c>, amindexd then compares
    /// only the day) and shows 14:24:36. So a minute never takes in a dump later within that minute, and a day takes
    /// in all of it.
    /// </summary>
    public bool Admits(DumpDate dump) =>
        Precision == DumpDatePrecision.Day ? dump.Value.Date <= Value.Date : dump.Value <= Value;

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
