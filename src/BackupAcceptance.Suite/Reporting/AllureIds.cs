using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// Allure's identities, computed as Allure.Net.Commons does (docs/report.md, "The results format") so history stays continuous if the
/// official adapter is ever used: testCaseId = md5(fullName); historyId = md5 of fullName plus the values of the
/// parameters not excluded, sorted by name. No dates, seeds or paths may enter them.
/// </summary>
public static class AllureIds
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string TestCaseId(string fullName) => Md5(fullName);

    public static string HistoryId(string fullName, IEnumerable<AllureParameter> parameters)
    {
        var values = parameters.Where(p => p.Excluded != true).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        return Md5(JsonSerializer.Serialize(new { fullName, parameters = values }, Compact));
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
