using BackupAcceptance.Amanda.Session;

namespace BackupAcceptance.Tests.Support;

/// <summary>Options that start the scripted fake amrecover (Fakes/fake-amrecover) instead of the real one.</summary>
internal static class FakeAmrecover
{
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Fakes", "fake-amrecover");

    /// <summary>The fake reads its mode from the environment, so each test runs it through <c>env</c>.</summary>
    public static AmrecoverOptions Options(string mode, string marker, double timeoutSeconds = 2) => new()
    {
        AmrecoverPath = ScriptPath,
        CommandPrefix = ["env", $"FAKE_AMRECOVER_MODE={mode}", $"FAKE_AMRECOVER_MARKER={marker}"],
        StartTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        CommandTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    };
}
