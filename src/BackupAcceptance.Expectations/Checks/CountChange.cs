using BackupAcceptance.Core.Checks;
using System.Globalization;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>
/// A file count against a reference count (the previous dump, the live directory), as a signed percentage. "Within
/// P%" includes P itself: 100 files against 110 is -9.1%, within 10%; against 112 it is -10.7%, not within.
/// </summary>
public readonly record struct CountChange(int Count, int Reference)
{
    /// <summary>The widest tolerance a step may name: a count cannot drop by more than 100%, so "within 100%" would
    /// let every drop short of an empty backup pass.</summary>
    public const int MaximumPercent = StepBounds.MaximumPercent;

    /// <summary>The change in percent of the reference; from nothing to something counts as +100%.</summary>
    public double Percent => Reference == 0 ? (Count == 0 ? 0 : 100) : 100.0 * (Count - Reference) / Reference;

    public bool IsWithin(int percent) => Math.Abs(Percent) <= percent;

    public override string ToString() => Percent.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%";
}
