namespace BackupAcceptance.Core.Sources;

/// <summary>A directory only this user can enter, that receives restored files and is removed with them when
/// disposed. The caller makes it (under the run's trusted restore root); the core only writes into it, and reads what
/// it restored there once <see cref="Verify"/> confirms it is still the directory made.</summary>
public interface IPrivateArea : IAsyncDisposable
{
    string Path { get; }

    /// <summary>Throws when the directory is no longer the one made (removed, or renamed away and another put in its
    /// place): what is there now was not restored, and nothing in it may be judged.</summary>
    void Verify();
}
