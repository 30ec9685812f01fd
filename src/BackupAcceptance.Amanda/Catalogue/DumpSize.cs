using System.Globalization;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One line of <c>amadmin info</c>'s Dumps table: the latest dump at <paramref name="Level"/>, its date as
/// amadmin prints it, its size before compression (what a restore writes) and as stored (what the tape server
/// streams; 0 when not on record).</summary>
public sealed record DumpSize(int Level, string Date, long OriginalKiB, long CompressedKiB = 0)
{
    public override string ToString() =>
        $"level {Level} of {Date}: {OriginalKiB.ToString("N0", CultureInfo.InvariantCulture)} KiB";
}
