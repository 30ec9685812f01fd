namespace BackupAcceptance.ReqnrollNUnit.Samples.Support;

/// <summary>
/// Appends hook events to the file named by <see cref="VariableName"/>, so that the out-of-process tests can
/// see hooks that no step can observe (AfterFeature, AfterTestRun). Does nothing when the variable is unset.
/// </summary>
public static class HookLog
{
    public const string VariableName = "BACKUPACCEPTANCE_SAMPLES_HOOK_LOG";

    // Hooks of parallel scenarios may write at once; one line must stay one line.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task WriteAsync(string line)
    {
        if (Environment.GetEnvironmentVariable(VariableName) is not { Length: > 0 } path)
            return;

        await Gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line + Environment.NewLine);
        }
        finally
        {
            Gate.Release();
        }
    }
}
