using BackupAcceptance.Core.Failures;
using BackupAcceptance.Core.Sources;
using BackupAcceptance.Expectations.Failures;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>A whole disk amrecover restored, as the core's rules see it: the area's root is the disk's, and the files
/// it must give are the state a restore of the dump's chain gives (<see cref="RestoreStates"/>). What only Amanda's
/// checks read (the raw names, which of them came back as regular files, the DLE) stays in <see cref="Amanda"/>.</summary>
public sealed class AmandaRestoredWhole : RestoredWhole
{
    private AmandaRestoredWhole(Snapshot snapshot, RestoredFiles amanda)
        : base(snapshot, amanda.Area, amanda.Area.Path, amanda.Files.Count, amanda.ChosenHow ?? "the whole disk") => Amanda = amanda;

    public RestoredFiles Amanda { get; }

    /// <summary>The restore of <paramref name="restored"/>, which must be of the dump chosen.</summary>
    public static AmandaRestoredWhole Of(Snapshot snapshot, RestoredFiles restored, string transcriptTail)
    {
        if (restored.DumpDate is not { } dump || dump.Value != Sources.AmandaDiskHistory.DateOf(snapshot).Value)
            throw new ExpectationFailedException(FailureCategory.SuiteDefect, restored.Target, restored.DumpDate, $"the dump chosen, {snapshot.Id}, restored whole",
                restored.DumpDate is null ? "the restore named no dump" : $"the restore read the dump {restored.DumpDate}", transcriptTail);
        return new AmandaRestoredWhole(snapshot, restored);
    }
}
