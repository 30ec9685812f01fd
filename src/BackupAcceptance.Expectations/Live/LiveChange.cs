namespace BackupAcceptance.Expectations.Live;

/// <summary>Whether a live entry can stand for what the dump saw.</summary>
public enum LiveChange
{
    /// <summary>Content (mtime) and inode (ctime) both last changed at or before the dump: the live entry is what
    /// the dump read, so a difference is the backup's.</summary>
    Comparable,

    /// <summary>Changed after the dump: a difference says nothing about the backup. The ctime catches a rewrite whose
    /// old mtime was put back (touch -d, tar -x, rsync -t).</summary>
    ChangedSinceDump,
}
