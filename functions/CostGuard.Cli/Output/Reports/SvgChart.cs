using System.Globalization;
using System.Net;
using System.Text;

namespace CostGuard.Cli.Output.Reports;

/// <summary>Draws small inline SVG line charts with time on x (no scripts, no fonts beyond the system's).</summary>
internal static class SvgChart
{
    private const int Width = 900;
    private const int Height = 240;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 16;
    private const int Bottom = 30;
    private const int MaxPoints = 800;

    /// <summary>Renders the series; <paramref name="markers"/> are red dots (e.g. anomalies) with a tooltip.</summary>
    public static string Render(
        string title,
        IReadOnlyList<ChartSeries> series,
        Func<double, string> formatY,
        IReadOnlyList<(DateTimeOffset X, double Y, string Label)>? markers = null)
    {
        var all = series.SelectMany(s => s.Points).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><figcaption>{WebUtility.HtmlEncode(title)}</figcaption>");
        if (all.Count == 0)
        {
            return sb.Append("<p class=\"empty\">No data.</p></figure>").ToString();
        }

        var minX = all.Min(p => p.X).ToUnixTimeSeconds();
        var maxX = Math.Max(minX + 1, all.Max(p => p.X).ToUnixTimeSeconds());
        var maxY = Math.Max(all.Max(p => p.Y), markers is { Count: > 0 } ? markers.Max(m => m.Y) : 0);
        maxY = maxY <= 0 ? 1 : maxY * 1.08;
        double X(DateTimeOffset t) => Left + ((t.ToUnixTimeSeconds() - minX) / (double)(maxX - minX) * (Width - Left - Right));
        double Y(double v) => Top + ((1 - (v / maxY)) * (Height - Top - Bottom));

        sb.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i <= 4; i++)
        {
            var v = maxY * i / 4;
            var y = F(Y(v));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" class=\"grid\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y}\" class=\"ylab\">{WebUtility.HtmlEncode(formatY(v))}</text>");
        }

        for (var i = 0; i <= 4; i++)
        {
            var t = DateTimeOffset.FromUnixTimeSeconds(minX + ((maxX - minX) * i / 4));
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(t))}\" y=\"{Height - 8}\" class=\"xlab\">{t.UtcDateTime.ToString("MMM d HH:mm", CultureInfo.InvariantCulture)}</text>");
        }

        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var step = Math.Max(1, s.Points.Count / MaxPoints);
            var coords = string.Join(' ', s.Points.Where((_, i) => i % step == 0 || i == s.Points.Count - 1).Select(p => $"{F(X(p.X))},{F(Y(p.Y))}"));
            var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"{dash} points=\"{coords}\"><title>{WebUtility.HtmlEncode(s.Name)}</title></polyline>");
        }

        foreach (var (x, yValue, label) in markers ?? [])
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(x))}\" cy=\"{F(Y(yValue))}\" r=\"6\" class=\"marker\"><title>{WebUtility.HtmlEncode(label)}</title></circle>");
        }

        sb.Append("</svg><div class=\"legend\">");
        foreach (var s in series)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<span><i style=\"background:{s.Color}\"></i>{WebUtility.HtmlEncode(s.Name)}</span>");
        }

        if (markers is { Count: > 0 })
        {
            sb.Append("<span><i class=\"dot\"></i>anomaly alert</span>");
        }

        return sb.Append("</div></figure>").ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
