using System.Globalization;
using System.Net;
using System.Text;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// The estate page: one self-contained HTML file (no script, no font, no request: it opens from disk anywhere and can
/// be mailed) with the disks × nights table of <see cref="EstateTable"/>. A cell says the verdict and the file count,
/// and under it the dump's age; failed, broken and hollow cells are marked by colour, symbol and word (a page printed
/// in black and white still shows them), and each cell's title names its scenarios.
/// </summary>
public static class EstatePage
{
    public static string Render(EstateTable table, string title, DateTimeOffset generated, string? reportPath)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}: estate</title><style>{Style}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}: estate, last {table.Nights.Count} nights</h1>");
        var latest = table.Nights[^1];
        var bad = table.Disks.Count(d => table.Cell(d, latest) is { Bad: true });
        var checkedTonight = table.Disks.Count(d => table.Cell(d, latest) is { CountOnly: false });
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"lead\">{latest}: {checkedTonight} of {table.Disks.Count} disk row(s) checked, <b>{bad} failed, broken or hollow</b>. " +
            $"Written {generated:yyyy-MM-dd HH:mm zzz}{(reportPath is null ? "" : $"; details per scenario in the Allure report ({E(reportPath)})")}.</p>");
        html.Append("<table><thead><tr><th>config</th><th>host</th><th>disk</th>");
        foreach (var night in table.Nights)
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"night{(night == latest ? " latest" : "")}\">{E(night[5..])}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var disk in table.Disks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(disk.Config)}</th><th>{E(disk.Host)}</th><th class=\"disk\">{E(disk.Disk)}</th>");
            foreach (var night in table.Nights) html.Append(Cell(table.Cell(disk, night), disk, night));
            html.Append("</tr>");
        }
        if (table.Disks.Count == 0)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{table.Nights.Count + 3}\">No disk was checked in these nights.</td></tr>");
        html.Append("</tbody></table>");
        html.Append("<p class=\"legend\"><span class=\"passed\">✔ passed</span> <span class=\"failed\">✘ failed</span> " +
                    "<span class=\"broken\">! broken (could not check)</span> <span class=\"failed hollow\">∅ hollow (no files)</span> " +
                    "<span class=\"skipped\">– skipped</span> <span class=\"counted\"># counted only (no verdict kept)</span> " +
                    "<span class=\"none\">· no run</span>. Number: files of the newest dump a scenario counted; " +
                    "under it: that dump's age. A night's cell is its last run; hover a cell for its scenarios.</p>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Cell(EstateCell? cell, EstateDisk disk, string night)
    {
        if (cell is null) return $"<td class=\"none\" title=\"{E(night)}: no run checked this disk\">·</td>";
        var (kind, mark, word) = cell switch
        {
            { Hollow: true } => ("failed hollow", "∅", "hollow"),
            { Status: "failed" } => ("failed", "✘", "failed"),
            { Status: "broken" } => ("broken", "!", "broken"),
            { Status: "skipped" } => ("skipped", "–", "skipped"),
            { CountOnly: true } => ("counted", "#", "counted"),
            _ => ("passed", "✔", "passed"),
        };
        var files = cell.Files is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "";
        var age = cell.DumpAgeHours is { } hours ? $"<br><small>dump {Age(hours)}</small>" : "";
        var title = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{disk.Config} {disk.Host}:{disk.Disk} {night}: {word}");
        if (cell.Files is not null) title.Append(CultureInfo.InvariantCulture, $", {files} files");
        if (cell.Dump is not null) title.Append(CultureInfo.InvariantCulture, $", dump {cell.Dump}");
        if (cell.Categories.Count > 0) title.Append(CultureInfo.InvariantCulture, $"\n{string.Join(", ", cell.Categories)}");
        foreach (var scenario in cell.Scenarios) title.Append('\n').Append(scenario);
        return $"<td class=\"{kind}\" title=\"{E(title.ToString())}\"><span class=\"mark\">{mark}</span> {files}" +
               (kind.Contains("hollow", StringComparison.Ordinal) ? " <b>hollow</b>" : cell.Bad ? $" <b>{word}</b>" : "") + $"{age}</td>";
    }

    private static string Age(double hours) => hours < 48
        ? string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{hours / 24:0.#} d");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.3em}" +
        "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:right;white-space:nowrap}" +
        "thead th{background:#f3f3f3}tbody th{text-align:left;font-weight:normal}th.disk{font-family:monospace}" +
        "th.latest{background:#dde8f6}td small{color:#555}.mark{font-weight:bold}" +
        ".passed{background:#e3f4e1}.failed{background:#f8d4d2}.broken{background:#fbe5c8}.skipped{background:#eee}" +
        ".counted{background:#f7f7f7;color:#555;font-style:italic}.none{color:#aaa;text-align:center}" +
        ".hollow{background:repeating-linear-gradient(45deg,#f8d4d2,#f8d4d2 6px,#f1b3b0 6px,#f1b3b0 12px)}" +
        ".legend span{padding:.1em .4em;margin-right:.3em;border:1px solid #ccc}.lead b{color:#a33}";
}
