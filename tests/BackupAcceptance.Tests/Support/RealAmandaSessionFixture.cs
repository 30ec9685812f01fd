using BackupAcceptance.Amanda.Session;
using NUnit.Framework;

namespace BackupAcceptance.Tests.Support;

/// <summary>A test fixture that shares one real amrecover session across its tests (each start costs a second).</summary>
public abstract class RealAmandaSessionFixture
{
    protected AmrecoverSession Session { get; private set; } = null!;

    protected virtual AmrecoverOptions Options => new();

    [OneTimeSetUp]
    public async Task StartSessionAsync()
    {
        RealAmanda.Require();
        Session = await AmrecoverSession.StartAsync(Options, RealAmanda.Config, RealAmanda.Host, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopSessionAsync()
    {
        if (Session is not null) await Session.DisposeAsync();
    }
}
