namespace BackupAcceptance.Amanda.Session;

/// <summary>The refusals amrecover and the index server answer with (docs/amrecover.md, section 4).</summary>
public enum AmandaErrorKind
{
    /// <summary><c>501 Could not read config file for X!</c></summary>
    UnknownConfig,

    /// <summary><c>501 Host X is not in your disklist.</c></summary>
    UnknownHost,

    /// <summary><c>501 Disk host:X is not in the server's disklist.</c></summary>
    UnknownDisk,

    /// <summary><c>500 No dumps available on or before date "…"</c></summary>
    NoDump,

    /// <summary>A dump the history lists whose index cannot be read: <c>599 index file not found …</c>,
    /// <c>No index records for …</c> without a "no dumps" line, or an <c>ls</c> that lists nothing, not even <c>.</c>.</summary>
    IndexMissing,

    /// <summary><c>Invalid directory - …</c>, <c>Too many directories matching …</c></summary>
    InvalidDirectory,

    /// <summary><c>File x doesn't exist in directory</c> (add)</summary>
    NotFound,

    /// <summary><c>extract</c> did not restore what was asked: the extractor child or tar failed.</summary>
    ExtractFailed,

    /// <summary>Any other refusal: a command amrecover did not accept.</summary>
    Rejected,
}
