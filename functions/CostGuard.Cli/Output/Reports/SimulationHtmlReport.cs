using System.Globalization;
using System.Net;
using System.Text;
using CostGuard.Engine;
using CostGuard.Simulation;
using CostGuard.Time;

namespace CostGuard.Cli.Output.Reports;

/// <summary>
/// Renders a simulation as one self-contained HTML page (inline CSS and SVG, no scripts or web fonts), so it
/// opens offline: spend with vs without the guard, hourly burn vs cap, cost per active user, and the actions.
/// </summary>
internal static class SimulationHtmlReport
{
    private const string Without = "#8a94a6";
    private const string With = "#1f6feb";
    private const string Cap = "#d62828";

    public static string Render(SimulationResult result)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CostGuard simulation: ")
            .Append(E(result.PolicyName)).Append("</title><style>").Append(ReportStyle.Css).Append("</style></head><body>");
        sb.Append("<h1>CostGuard backtest: ").Append(E(result.PolicyName)).Append(" (").Append(ContractNames.Of(result.Mode)).Append(")</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">Trace {IsoTime.Format(result.TraceStart)} to {IsoTime.Format(result.TraceEnd)}: {result.Instances} instances, {result.Rows} rows</div>");
        Cards(sb, result);

        foreach (var account in result.Accounts)
        {
            sb.Append("<h2>").Append(ContractNames.Cloud(account.Cloud)).Append(" account ").Append(E(account.Account))
                .Append(account.InScope ? "" : " (not in the policy's scope)").Append("</h2>");
            sb.Append(SvgChart.Render(
                "Cumulative GPU spend, without vs with the guard",
                [
                    new ChartSeries("without guard", Without, account.Points.Select(p => (p.Time, (double)p.SpendWithoutUsd)).ToList()),
                    new ChartSeries("with guard", With, account.Points.Select(p => (p.Time, (double)p.SpendWithUsd)).ToList()),
                ],
                Usd));
            sb.Append(SvgChart.Render("Hourly GPU burn vs cap (USD/hour)", BurnSeries(account), v => Usd(v) + "/h"));
            sb.Append(CpauChart(result, account));
        }

        ActionTable(sb, result);
        AlertTable(sb, result);
        DisruptionTable(sb, result);
        return sb.Append("</body></html>").ToString();
    }

    private static void Cards(StringBuilder sb, SimulationResult result)
    {
        var without = ContractNames.Cents(result.SpendWithoutUsd);
        var with = ContractNames.Cents(result.SpendWithUsd);
        sb.Append("<div class=\"cards\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><span>GPU spend without guard</span><b>{Usd((double)without)}</b></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><span>GPU spend with guard</span><b>{Usd((double)with)}</b></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card saved\"><span>Saved</span><b>{Usd((double)(without - with))}</b></div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><span>Actions / alerts / disruptions</span><b>{result.Actions.Count} / {result.Alerts.Count} / {result.Disruptions.Count}</b></div>")
            .Append("</div>");
    }

    private static List<ChartSeries> BurnSeries(AccountTimeline account)
    {
        var series = new List<ChartSeries>
        {
            new("burn without guard", Without, account.Points.Select(p => (p.Time, (double)p.BurnWithoutUsdPerHour)).ToList()),
            new("burn with guard", With, account.Points.Select(p => (p.Time, (double)p.BurnWithUsdPerHour)).ToList()),
        };
        if (account.MaxHourlyBurnUsd is { } cap && account.Points.Count > 0)
        {
            series.Add(new ChartSeries("hourly burn cap", Cap, [(account.Points[0].Time, (double)cap), (account.Points[^1].Time, (double)cap)], Dashed: true));
        }

        return series;
    }

    private static string CpauChart(SimulationResult result, AccountTimeline account)
    {
        var points = account.Days
            .Select(d => (new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (double)(d.SpendUsd / Math.Max(1, d.ActiveUsers))))
            .ToList();
        var markers = new List<(DateTimeOffset, double, string)>();
        foreach (var alert in result.Alerts.Where(a => a.Kind == AlertKind.Anomaly && a.Cloud == account.Cloud && a.Account == account.Account))
        {
            // The anomaly rule raises a day's alert at the first sweep after that day closes.
            var day = DateOnly.FromDateTime(alert.Time.UtcDateTime).AddDays(-1);
            var usage = account.Days.FirstOrDefault(d => d.Day == day);
            if (usage is not null)
            {
                markers.Add((new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (double)(usage.SpendUsd / Math.Max(1, usage.ActiveUsers)), alert.Message));
            }
        }

        return SvgChart.Render(
            "GPU cost per active user per UTC day (with the guard)",
            [new ChartSeries("cost per active user", "#7a3ee8", points)],
            Usd,
            markers);
    }

    private static void ActionTable(StringBuilder sb, SimulationResult result)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Actions ({result.Actions.Count})</h2>");
        if (result.Actions.Count == 0)
        {
            sb.Append("<p class=\"empty\">The policy took no action.</p>");
            return;
        }

        sb.Append("<table><tr><th>Time</th><th>Action</th><th>Reason</th><th>Account</th><th>Region</th><th>Instance</th><th>Next active</th><th>Detail</th></tr>");
        foreach (var a in result.Actions)
        {
            var action = ContractNames.Of(a.Action);
            var next = a.IsDisruptive ? (a.NextActiveAt is { } n ? IsoTime.Format(n) : "never") : "";
            var detail = a.TagKey is null ? a.Detail : $"{a.TagKey}{(a.TagValue is null ? "" : "=" + a.TagValue)}: {a.Detail}";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"t\">{IsoTime.Format(a.Time)}</td><td class=\"{action}\">{action}</td><td>{ContractNames.Of(a.Reason)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(a.Account)}</td><td>{E(a.Region)}</td><td class=\"id\">{E(a.Instance)}</td><td class=\"t\">{next}</td><td>{E(detail)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void AlertTable(StringBuilder sb, SimulationResult result)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Alerts ({result.Alerts.Count})</h2>");
        if (result.Alerts.Count == 0)
        {
            sb.Append("<p class=\"empty\">No alerts.</p>");
            return;
        }

        sb.Append("<table><tr><th>Time</th><th>Kind</th><th>Account</th><th>Message</th></tr>");
        foreach (var a in result.Alerts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"t\">{IsoTime.Format(a.Time)}</td><td>{ContractNames.Of(a.Kind)}</td><td>{E(a.Account)}</td><td>{E(a.Message)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static void DisruptionTable(StringBuilder sb, SimulationResult result)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Disruptions ({result.Disruptions.Count})</h2>");
        if (result.Disruptions.Count == 0)
        {
            sb.Append("<p class=\"empty\">No stop cut off work that resumed within the idle window.</p>");
            return;
        }

        sb.Append("<table><tr><th>Instance</th><th>Account</th><th>Stopped at</th><th>Next active</th></tr>");
        foreach (var d in result.Disruptions)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"id\">{E(d.Instance)}</td><td>{E(d.Account)}</td><td class=\"t\">{IsoTime.Format(d.StoppedAt)}</td><td class=\"t\">{IsoTime.Format(d.NextActiveAt)}</td></tr>");
        }

        sb.Append("</table>");
    }

    private static string Usd(double value) => "$" + value.ToString(value >= 100 ? "#,##0" : "#,##0.00", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
