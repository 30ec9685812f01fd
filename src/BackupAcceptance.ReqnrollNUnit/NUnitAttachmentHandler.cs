using NUnit.Framework;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>
/// Hands files from <c>IReqnrollOutputHelper.AddAttachment</c> to NUnit, so they reach the TRX and the IDE.
/// </summary>
public sealed class NUnitAttachmentHandler(ITraceListener traceListener) : ReqnrollAttachmentHandler(traceListener)
{
    /// <inheritdoc />
    public override void AddAttachment(string filePath)
    {
        try
        {
            TestContext.AddTestAttachment(filePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or ArgumentException)
        {
            // NUnit refuses missing files and odd paths; Reqnroll's own handler at least traces the path.
            base.AddAttachment(filePath);
        }
    }
}
