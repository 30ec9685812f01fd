using BackupAcceptance.Suite.Reporting;
using Reqnroll;

namespace BackupAcceptance.Suite.Support;

/// <summary>
/// Evidence for auditors: a text written to the test output, attached to the current step of the Allure result, and
/// attached to the NUnit test (TRX). Context-injected, one per scenario.
/// </summary>
public sealed class Evidence(IReqnrollOutputHelper output, ScenarioReport report)
{
    public void Attach(string name, string text)
    {
        output.WriteLine($"--- {name} ---\n{text}");
        if (AllureRun.Writer is not { } writer) return;
        var attachment = writer.WriteTextAttachment(name, text);
        report.Attach(attachment);
        output.AddAttachment(Path.Combine(writer.Directory, attachment.Source));
    }
}
