using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Suite.Support;

/// <summary>State shared by every scenario of one run: the amrecover session pool (one start per disk, not per step).</summary>
public static class SuiteRun
{
    private static readonly Lazy<SessionPool> LazyPool = new(() => new SessionPool(AmrecoverOptions.FromEnvironment()));

    public static SessionPool Sessions => LazyPool.Value;

    public static bool SessionsCreated => LazyPool.IsValueCreated;
}
