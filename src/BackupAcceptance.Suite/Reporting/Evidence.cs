using Reqnroll;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Evidence for auditors: a text written to the test output, attached to the current step of the Allure result, and
/// attached to the NUnit test (TRX). Context-injected, one per scenario.
/// </summary>
public sealed class Evidence(IReqnrollOutputHelper output, ScenarioReport scenario, AllureReport report)
{
    public void Attach(string name, string text)
    {
        output.WriteLine($"--- {name} ---\n{text}");
        var attachment = report.Writer.WriteTextAttachment(name, text);
        scenario.Attach(attachment);
        output.AddAttachment(Path.Combine(report.Writer.Directory, attachment.Source));
    }
}
