using System.Globalization;
using System.Security;
using System.Text;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>A disk's file count dump after dump as a small SVG line chart for the report: one point per dump, the
/// newest marked, the axis from zero (a chart that starts at the minimum makes a 1 % dip look like a collapse).</summary>
public static class CountPlot
{
    private const int Width = 640, Height = 240, Left = 70, Right = 20, Top = 30, Bottom = 50;

    public static string Render(string title, IReadOnlyList<CountPoint> points)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        text.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title><rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"13\">{Escape(title)}</text>");
        var top = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Files));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (points.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(points.Count - 1));
        double Y(int files) => Top + plotHeight - plotHeight * files / (double)top;
        // Axes, zero and the top count.
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"#888\"/>");
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#888\"/>");
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight + 4}\" text-anchor=\"end\">0</text>");
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{top:N0}</text>");
        if (points.Count > 0)
        {
            var line = string.Join(" ", points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(p.Files):0.#}")));
            text.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" fill=\"none\" stroke=\"#2a6ebb\" stroke-width=\"2\"/>");
            for (var i = 0; i < points.Count; i++)
            {
                var last = i == points.Count - 1;
                text.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(points[i].Files):0.#}\" r=\"{(last ? 5 : 3)}\" fill=\"{(last ? "#d9534f" : "#2a6ebb")}\"><title>{Escape(points[i].Dump)}: {points[i].Files:N0} files, {points[i].Directories:N0} directories</title></circle>");
            }
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 28}\">{Escape(points[0].Dump)}</text>");
            if (points.Count > 1)
                text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 28}\" text-anchor=\"end\">{Escape(points[^1].Dump)}</text>");
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 10}\">files per dump, {points.Count} dump(s); newest: {points[^1].Files:N0} files</text>");
        }
        text.Append("</svg>");
        return text.ToString();
    }

    private static string Escape(string value) => SecurityElement.Escape(value) ?? "";
}
