using System.Globalization;
using System.Net;
using System.Text;
using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Status;

/// <summary>
/// The status page (<c>GET /api/status/page</c>): one self-contained HTML file (inline CSS, no script, no font or
/// image from elsewhere) that a FinOps person opens in a browser: burn-vs-cap bars per account, stale accounts in
/// red, the last actions.
/// </summary>
public static class StatusPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;background:#fafbfc}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.muted{color:#5b6570;font-size:13px}
        table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
        th,td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
        th{background:#f0f2f5;font-weight:600}
        tr.stale td{background:#fdecea}tr.stale td.acct{color:#b3261e;font-weight:700}
        .tag{display:inline-block;padding:1px 6px;border-radius:8px;font-size:11px;font-weight:600}
        .tag.stale{background:#b3261e;color:#fff}.tag.ok{background:#1e7d32;color:#fff}
        .bar{position:relative;width:220px;height:14px;background:#e8ebef;border-radius:7px;overflow:hidden}
        .fill{height:100%;background:#2f6fde}.fill.warn{background:#e08a00}.fill.over{background:#b3261e}
        .figure{font-variant-numeric:tabular-nums}
        """;

    public static string Render(StatusReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CostGuard status</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>CostGuard status</h1><div class=\"muted\">generated ").Append(E(IsoTime.Format(report.GeneratedAt)))
            .Append(" &middot; ").Append(report.Policies.Count.ToString(CultureInfo.InvariantCulture)).Append(" policies in force</div>");
        foreach (var policy in report.Policies)
        {
            AppendPolicy(html, policy);
        }

        AppendActions(html, report.Actions);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendPolicy(StringBuilder html, PolicyView policy)
    {
        html.Append("<h2>").Append(E(policy.Name)).Append(" <span class=\"muted\">").Append(E(policy.Mode))
            .Append(", every ").Append(E(Duration(policy.SweepInterval))).Append(", blob ").Append(E(policy.Blob))
            .Append(", version ").Append(E(policy.Hash[..Math.Min(12, policy.Hash.Length)])).Append("</span></h2>");
        html.Append("<table><tr><th>account</th><th>burn vs hourly cap</th><th>month to date vs monthly cap</th>")
            .Append("<th>billed / live since</th><th>last success</th><th>failures</th><th>orphan marks</th><th>exemptions ending &lt; 24 h</th></tr>");
        foreach (var account in policy.Accounts)
        {
            AppendAccount(html, account);
        }

        html.Append("</table>");
    }

    private static void AppendAccount(StringBuilder html, AccountView a)
    {
        var f = a.Figures;
        html.Append(a.Stale ? "<tr class=\"stale\">" : "<tr>");
        html.Append("<td class=\"acct\">").Append(E(a.Cloud)).Append(' ').Append(E(a.Account)).Append("<br>")
            .Append(a.Stale ? "<span class=\"tag stale\">STALE</span>" : "<span class=\"tag ok\">ok</span>");
        if (f is { ReadFailedAt: { } failedAt })
        {
            // Kept figures say their age: a FinOps reader must not take an unseen account for an idle one.
            html.Append("<br><span class=\"muted\">figures as of ").Append(E(IsoTime.Format(f.SweptAt)))
                .Append(", not refreshed: the inventory read at ").Append(E(IsoTime.Format(failedAt))).Append(" failed");
            if (f.ReadError is { } readError)
            {
                html.Append(" (").Append(E(readError)).Append(')');
            }

            html.Append("</span>");
        }

        html.Append("</td>");
        html.Append("<td>").Append(Bar(f?.BurnUsdPerHour, f?.MaxHourlyBurnUsd, "/h")).Append("</td>");
        var mtd = a.MonthToDate;
        html.Append("<td>").Append(Bar(mtd?.TotalUsd, f?.MonthlyUsd, string.Empty)).Append("</td>");
        html.Append("<td class=\"figure\">");
        if (mtd is { BilledUsd: { } billed })
        {
            html.Append(Usd(billed)).Append(" billed through ").Append(E(mtd.BilledThrough is { } t ? IsoTime.Format(t) : "unknown"))
                .Append("<br>+ ").Append(Usd(mtd.LiveSinceUsd)).Append(" live since");
            if (f?.BillingError is not null)
            {
                html.Append("<br><span class=\"muted\">billed: last known; the billing read at ").Append(E(IsoTime.Format(f.SweptAt))).Append(" failed</span>");
            }
        }
        else if (mtd is not null)
        {
            html.Append("billed: unknown (no billing data)<br>").Append(Usd(mtd.LiveSinceUsd)).Append(" live estimate only, since ")
                .Append(E(IsoTime.Format(mtd.LiveFrom)));
        }

        html.Append("</td><td>");
        html.Append(a.Health?.LastSuccessAt is { } s ? E(IsoTime.Format(s)) + "<br><span class=\"muted\">" + E(Duration(a.LastSuccessAge ?? TimeSpan.Zero)) + " ago</span>" : "never");
        html.Append("</td><td>").Append((a.Health?.FailuresInARow ?? 0).ToString(CultureInfo.InvariantCulture));
        if (a.Health?.LastError is { } error)
        {
            html.Append("<br><span class=\"muted\">").Append(E(error)).Append("</span>");
        }

        html.Append("</td><td>");
        foreach (var mark in f?.OrphanMarks ?? [])
        {
            html.Append(E(mark.Instance)).Append(": stop ").Append(E(When(mark.StopAt))).Append(", terminate ").Append(E(When(mark.TerminateAt))).Append("<br>");
        }

        html.Append("</td><td>");
        foreach (var exemption in f?.ExemptionsExpiring ?? [])
        {
            html.Append(E(exemption.Instance)).Append(": ").Append(E(IsoTime.Format(exemption.ExpiresAt))).Append("<br>");
        }

        html.Append("</td></tr>");
    }

    private static void AppendActions(StringBuilder html, IReadOnlyList<AuditRecord> actions)
    {
        html.Append("<h2>Last ").Append(actions.Count.ToString(CultureInfo.InvariantCulture)).Append(" actions</h2>");
        html.Append("<table><tr><th>time</th><th>policy</th><th>account</th><th>instance</th><th>action</th><th>reason</th><th>outcome</th><th>detail</th></tr>");
        foreach (var r in actions)
        {
            html.Append("<tr><td>").Append(E(IsoTime.Format(r.Time))).Append("</td><td>").Append(E(r.Policy)).Append("</td><td>")
                .Append(E(r.Cloud)).Append(' ').Append(E(r.Account)).Append("</td><td>").Append(E(r.Instance ?? string.Empty))
                .Append("</td><td>").Append(E(r.Action)).Append("</td><td>").Append(E(r.Reason)).Append("</td><td>").Append(E(r.Outcome))
                .Append("</td><td>").Append(E(r.Detail ?? string.Empty)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Bar(decimal? value, decimal? cap, string unit)
    {
        if (value is not { } v)
        {
            return "<span class=\"muted\">not swept yet</span>";
        }

        if (cap is not { } c || c <= 0)
        {
            return $"<span class=\"figure\">{Usd(v)}{unit}</span> <span class=\"muted\">no cap</span>";
        }

        var percent = (int)Math.Min(100m, decimal.Round(v / c * 100m));
        var level = v >= c ? " over" : percent >= 80 ? " warn" : string.Empty;
        return $"<div class=\"bar\" title=\"{percent}%\"><div class=\"fill{level}\" style=\"width:{percent.ToString(CultureInfo.InvariantCulture)}%\"></div></div>"
            + $"<span class=\"figure\">{Usd(v)}{unit} of {Usd(c)}{unit}</span>";
    }

    private static string Usd(decimal value) => "$" + value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string When(DateTimeOffset? time) => time is { } t ? IsoTime.Format(t) : "never";

    private static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays}d {span.Hours}h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalMinutes}m";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
