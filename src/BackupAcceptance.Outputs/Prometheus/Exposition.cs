using System.Globalization;
using System.Text;

namespace BackupAcceptance.Outputs.Prometheus;

/// <summary>The Prometheus text exposition format's escaping rules: a label value escapes backslash, double quote and
/// line feed; HELP text escapes backslash and line feed. Anything else (UTF-8 included) goes as it is.</summary>
public static class Exposition
{
    public static string LabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    public static string HelpText(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value: integers as integers, others in invariant culture, never "NaN" by accident.</summary>
    public static string Value(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Labels(IEnumerable<(string Name, string Value)> labels)
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in labels)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(name).Append("=\"").Append(LabelValue(value)).Append('"');
        }
        return text.Append('}').ToString();
    }
}
