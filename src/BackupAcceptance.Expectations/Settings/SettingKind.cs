using System.Globalization;

namespace BackupAcceptance.Expectations.Settings;

/// <summary>What values a setting takes: the one rule that checks it, and the words docs/settings.md and --help use
/// for it. Every check says what is wrong in a sentence that follows the setting's name.</summary>
public abstract record SettingKind
{
    /// <summary>How the value is written, for the docs ("seconds", "auto or off").</summary>
    public abstract string Shape { get; }

    /// <summary>Why <paramref name="value"/> (trimmed, not empty) is not one, or null when it is.</summary>
    public abstract string? Problem(string value);

    /// <summary>A positive number of seconds (fractions allowed), at most <paramref name="Maximum"/>.</summary>
    public sealed record Seconds(double Maximum = double.MaxValue) : SettingKind
    {
        public override string Shape => Maximum < double.MaxValue ? $"seconds, more than 0, at most {Maximum:0}" : "seconds, more than 0";

        public override string? Problem(string value) =>
            !double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0
                ? $"'{value}' is not a positive number of seconds"
                : seconds > Maximum ? $"'{value}' is more than {Maximum:0} seconds" : null;

        public static TimeSpan Parse(string value) => TimeSpan.FromSeconds(double.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>A whole number from <paramref name="Minimum"/> to <paramref name="Maximum"/>, of <paramref name="Unit"/>
    /// ("sessions", "MiB"; null: a plain number).</summary>
    public sealed record WholeNumber(long Minimum, long Maximum, string? Unit = null) : SettingKind
    {
        public override string Shape => $"{Unit}{(Unit is null ? "" : ", ")}a whole number from {Minimum} to {Maximum}";

        public override string? Problem(string value) =>
            long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= Minimum && number <= Maximum
                ? null
                : $"'{value}' is not a whole number{(Unit is null ? "" : $" of {Unit}")} from {Minimum} to {Maximum}";

        public static long Parse(string value) => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>One of a few words (any case).</summary>
    public sealed record Choice(params string[] Words) : SettingKind
    {
        public override string Shape => string.Join(" or ", Words);

        public override string? Problem(string value) =>
            Words.Contains(value.ToLowerInvariant()) ? null : $"'{value}' is not {string.Join(" or ", Words.Select(w => $"'{w}'"))}";
    }

    /// <summary>A folder that exists.</summary>
    public sealed record Folder : SettingKind
    {
        public override string Shape => "an existing folder";

        public override string? Problem(string value) => Directory.Exists(value) ? null : $"'{value}' is not a folder";
    }

    /// <summary>A file or folder name; relative names are taken from the current folder. Checked where it is used (run.sh
    /// checks the results and history paths against the trust rule).</summary>
    public sealed record FilePath : SettingKind
    {
        public override string Shape => "a path";

        public override string? Problem(string value) => value.Contains('\0', StringComparison.Ordinal) ? $"'{value}' is not a path" : null;
    }

    /// <summary>One word: a program, a host name, a group.</summary>
    public sealed record Word : SettingKind
    {
        public override string Shape => "one word";

        public override string? Problem(string value) => value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? $"'{value}' is not one word" : null;
    }

    /// <summary>Words split at spaces (no quoting): a command prefix.</summary>
    public sealed record WordList : SettingKind
    {
        public override string Shape => "words";

        public override string? Problem(string value) => value.Any(char.IsControl) ? $"'{value}' holds a control character" : null;
    }
}
