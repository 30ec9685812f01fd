namespace BackupAcceptance.Core.Sources;

/// <summary>A directory only this user can enter, that receives restored files and is removed with them when
/// disposed. The caller makes it (under the run's trusted restore root); the core only writes into it.</summary>
public interface IPrivateArea : IAsyncDisposable
{
    string Path { get; }
}
