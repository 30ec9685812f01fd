using BackupAcceptance.Amanda.Catalogue;
using BackupAcceptance.Amanda.Index;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>What the server's own files say of one disk: its newest dump, and the files amrecover would show at the
/// latest (the dump chain's index files merged, <see cref="IndexTree"/>).</summary>
/// <param name="IndexFiles">The chain's index files, every copy amindexd might serve.</param>
public sealed record ScreenedDisk(DumpRecord Latest, IReadOnlyList<DumpRecord> Chain, int Files, int Directories, IReadOnlyList<string> IndexFiles);
