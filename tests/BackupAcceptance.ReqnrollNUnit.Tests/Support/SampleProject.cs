using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.ReqnrollNUnit.Tests.Support;

/// <summary>
/// Runs BackupAcceptance.ReqnrollNUnit.Samples out of process, as a developer or CI would, and reads its TRX.
/// </summary>
internal static class SampleProject
{
    // Read by the samples' hooks (Support/HookLog.cs there): where to log events no step can observe.
    private const string HookLogVariable = "BACKUPACCEPTANCE_SAMPLES_HOOK_LOG";

    // Several seconds is normal; minutes means a hung test host, which must not hang this run too.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<SampleRun> TestAsync(string resultsDirectory, string? filter, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);

        const string trxFileName = "samples.trx";
        var hookLog = Path.Combine(resultsDirectory, "hooks.log");

        var result = await Cli.Wrap("dotnet")
            .WithArguments(arguments =>
            {
                arguments.Add("test").Add(RepositoryLayout.SamplesProject)
                    .Add("--no-build") // the ProjectReference built it, in our configuration
                    .Add("--configuration").Add(RepositoryLayout.BuildConfiguration)
                    .Add("--logger").Add($"trx;LogFileName={trxFileName}")
                    .Add("--results-directory").Add(resultsDirectory);
                if (filter is not null)
                    arguments.Add("--filter").Add(filter);
            })
            .WithEnvironmentVariables(variables => variables
                .Set(HookLogVariable, hookLog)
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .Set("DOTNET_NOLOGO", "1")
                // No MSBuild node may outlive the run and hold files of the build.
                .Set("MSBUILDDISABLENODEREUSE", "1"))
            // The samples fail on purpose: the exit code is asserted, not validated.
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8, timeout.Token);

        var output = result.StandardOutput + result.StandardError;
        var trx = Path.Combine(resultsDirectory, trxFileName);
        if (!File.Exists(trx))
            throw new InvalidOperationException($"dotnet test wrote no {trx} (exit code {result.ExitCode}):\n{output}");

        var hooks = File.Exists(hookLog) ? await File.ReadAllLinesAsync(hookLog, timeout.Token) : [];
        return new SampleRun(result.ExitCode, output, await TrxReport.ReadAsync(trx, timeout.Token), hooks);
    }
}
