using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Reqnroll runtime plugin standing in for the Reqnroll.NUnit package, which NuGet here does not serve.
/// Without a provider registered as "nunit" Reqnroll cannot start. Activate it in the test assembly:
/// <c>[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(BackupAcceptance.ReqnrollNUnit.NUnitRuntimePlugin))]</c>.
/// </summary>
public sealed class NUnitRuntimePlugin : IRuntimePlugin
{
    /// <summary>The unit test provider name Reqnroll's configuration uses for NUnit.</summary>
    public const string ProviderName = "nunit";

    /// <inheritdoc />
    public void Initialize(
        RuntimePluginEvents runtimePluginEvents,
        RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        runtimePluginEvents.RegisterGlobalDependencies += (_, args) =>
            args.ObjectContainer.RegisterTypeAs<NUnitRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);

        // Per test thread: output and attachments belong to the NUnit test running on that thread.
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, args) =>
        {
            args.ObjectContainer.RegisterTypeAs<NUnitTraceListener, ITraceListener>();
            args.ObjectContainer.RegisterTypeAs<NUnitAttachmentHandler, IReqnrollAttachmentHandler>();
        };

        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
    }
}
