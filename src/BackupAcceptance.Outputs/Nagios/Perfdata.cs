using System.Globalization;

namespace BackupAcceptance.Outputs.Nagios;

/// <summary>Performance data as the Nagios plugin guidelines define it: <c>'label'=value[UOM];warn;crit;min;max</c>.
/// A label may hold any character but = and a single quote; it is quoted (it has spaces), a quote in it doubled; = and
/// | (which would end the plugin output) become _ and /.</summary>
public static class Perfdata
{
    public static string Label(string label)
    {
        var clean = label.Replace('=', '_').Replace('|', '/').Replace('\n', ' ').Replace('\r', ' ');
        return $"'{clean.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    /// <summary>One value, minimum 0, no thresholds (the suite's scenarios are the thresholds).</summary>
    public static string Item(string label, double value, string unit) =>
        FormattableString.Invariant($"{Label(label)}={value.ToString("0.###", CultureInfo.InvariantCulture)}{unit};;;0");
}
