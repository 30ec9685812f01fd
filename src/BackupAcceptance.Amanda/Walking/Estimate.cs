using System.Globalization;

namespace BackupAcceptance.Amanda.Walking;

/// <summary>An estimated count with the half-width of its 95% confidence interval, or an exact count.</summary>
public sealed record Estimate(double Value, double Margin, bool IsCounted)
{
    public static Estimate Counted(int count) => new(count, 0, true);

    public override string ToString() => IsCounted
        ? Value.ToString("N0", CultureInfo.InvariantCulture)
        : $"≈{Value.ToString("N0", CultureInfo.InvariantCulture)} ± {Margin.ToString("N0", CultureInfo.InvariantCulture)} (95%)";
}
