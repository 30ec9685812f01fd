namespace BackupAcceptance.Suite.Steps;

/// <summary>Which view of the dump a step reads (docs/dump-model.md): amrecover's merged listing and the state a restore
/// gives differ on every incremental chain, so every Then step says which one it checks.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepViewAttribute(DumpView view) : Attribute
{
    public DumpView View { get; } = view;

    public string Describe() => View switch
    {
        DumpView.History => "the dump history (dates and levels), not what the dumps hold.",
        DumpView.Listing => "amrecover's merged listing: every name any dump of the chain holds, names deleted before an incremental included.",
        DumpView.RestoreState => "the state a restore gives: the disk as it stood at the dump (an incremental's own directory records, so deleted names are not in it).",
        DumpView.RecoveryPoint => "the listing for the dump that wrote the path, and the state a restore gives for whether the newest dump still held it.",
        DumpView.Restored => "the files restored into the private area, as amrecover restored them.",
        DumpView.RestoredAgainstLive => "the files restored, against the live tree as the DLE covers it: its device, its exclude and include lists, and only files unchanged since the dump (mtime and ctime).",
        DumpView.Sample => "amrecover's listing of sampled directories.",
        DumpView.Store => "the repository's own store (its index, packs and snapshots' trees), as its own check reads it.",
        _ => throw new ArgumentOutOfRangeException(nameof(View), View, null),
    };
}

/// <summary>The views of a dump a step can read.</summary>
public enum DumpView
{
    History,
    Listing,
    RestoreState,
    RecoveryPoint,
    Restored,
    RestoredAgainstLive,
    Sample,
    Store,
}
