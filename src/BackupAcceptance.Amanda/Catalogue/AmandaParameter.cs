using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>One parameter of a configuration's amanda.conf, as <c>amgetconf CONFIG PARAMETER</c> gives it: only the
/// Amanda server has amgetconf and the configuration, so a client gets the reason instead of a value.</summary>
public static class AmandaParameter
{
    /// <returns>The value, or null with the reason (no amgetconf here, unknown configuration, empty value).</returns>
    public static async Task<(string? Value, string Reason)> GetAsync(string config, string parameter, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap("amgetconf").WithArguments([config, parameter])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            var value = result.StandardOutput.Trim();
            return result.ExitCode == 0 && value.Length > 0
                ? (value, "")
                : (null, $"amgetconf {config} {parameter} failed: {(result.StandardError + result.StandardOutput).Trim().ReplaceLineEndings(" ")}");
        }
        catch (Exception notFound) when (notFound is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "amgetconf is not installed here (not the Amanda server)");
        }
    }
}
