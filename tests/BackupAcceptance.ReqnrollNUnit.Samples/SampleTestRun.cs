// The per-project bootstrap the glue needs, as BackupAcceptance.Suite has it: activate the NUnit runtime
// plugin and wrap the whole assembly with Reqnroll's test-run hooks (global namespace on purpose).
using BackupAcceptance.ReqnrollNUnit;
using NUnit.Framework;

[assembly: Reqnroll.Plugins.RuntimePlugin(typeof(NUnitRuntimePlugin))]

[SetUpFixture]
public sealed class SampleTestRun : ReqnrollTestRunHooks;
