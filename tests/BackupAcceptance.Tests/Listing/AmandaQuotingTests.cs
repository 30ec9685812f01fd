using BackupAcceptance.Amanda.Listing;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Listing;

public sealed class AmandaQuotingTests
{
    [TestCase("plain", "plain")]
    [TestCase("\"with space\"", "with space")]
    [TestCase("\"a\\\\b\"", "a\\b")]
    [TestCase("\"a\\\"b\"", "a\"b")]
    [TestCase("\"tab\\there\"", "tab\there")]
    [TestCase("\"nl\\nx\\r\\f\"", "nl\nx\r\f")]
    [TestCase("\"oct\\101\\102\"", "octAB")]
    [TestCase("trailing\\", "trailing")]
    public void Unquote_reverses_quote_string(string quoted, string expected) =>
        AmandaQuoting.Unquote(quoted).ShouldBe(expected);
}
