using System.Globalization;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One line of <c>amadmin info</c>'s Dumps table: the latest dump at <paramref name="Level"/>, its date as
/// amadmin prints it and its size before compression.</summary>
public sealed record DumpSize(int Level, string Date, long OriginalKiB)
{
    public override string ToString() =>
        $"level {Level} of {Date}: {OriginalKiB.ToString("N0", CultureInfo.InvariantCulture)} KiB";
}
