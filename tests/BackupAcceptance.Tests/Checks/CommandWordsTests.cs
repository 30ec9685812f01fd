using BackupAcceptance.Core.DataChecks;
using NUnit.Framework;
using Shouldly;

namespace BackupAcceptance.Tests.Checks;

public sealed class CommandWordsTests
{
    [TestCase("grep -q root {}", new[] { "grep", "-q", "root", "{}" })]
    [TestCase("sqlite3 {} 'PRAGMA integrity_check'", new[] { "sqlite3", "{}", "PRAGMA integrity_check" })]
    [TestCase("sh -c \"test $(id -u) = 65534\"", new[] { "sh", "-c", "test $(id -u) = 65534" })]
    [TestCase("a\\ b \"q\\\"uote\" 'x\\y'", new[] { "a b", "q\"uote", "x\\y" })]
    [TestCase("  spaced   out  ", new[] { "spaced", "out" })]
    [TestCase("empty '' \"\"", new[] { "empty", "", "" })]
    [TestCase("semi;colon | pipe > file", new[] { "semi;colon", "|", "pipe", ">", "file" })]
    public void Splits_as_a_shell_would_and_does_nothing_more(string command, string[] words) =>
        CommandWords.Split(command).ShouldBe(words);

    [TestCase("'unclosed")]
    [TestCase("\"unclosed")]
    [TestCase("trailing\\")]
    [TestCase("   ")]
    public void Refuses_what_a_shell_would_not_run(string command) =>
        Should.Throw<FormatException>(() => CommandWords.Split(command));
}
