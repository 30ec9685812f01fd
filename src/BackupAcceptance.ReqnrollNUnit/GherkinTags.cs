using Io.Cucumber.Messages.Types;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>Tag names as Reqnroll and NUnit categories use them: without the leading '@'.</summary>
internal static class GherkinTags
{
    public static string WithoutAt(string tag) => tag.TrimStart('@');

    public static string[] Names(IEnumerable<Tag>? tags) =>
        tags?.Select(tag => WithoutAt(tag.Name)).ToArray() ?? [];
}
