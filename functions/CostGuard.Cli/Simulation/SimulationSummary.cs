using System.Globalization;
using CostGuard.Cli.Output;
using CostGuard.Cli.Output.Reports;
using CostGuard.Simulation;
using CostGuard.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CostGuard.Cli.Simulation;

/// <summary>
/// The human summary of a simulation, for stderr: totals, then what each rule did and saved (what a person
/// reads first), then the detail tables of actions, alerts and disruptions, fitted to the terminal width.
/// </summary>
internal static class SimulationSummary
{
    private const int MaxRows = 40;

    public static void Write(SimulationResult result, TextWriter writer, int? width = null)
    {
        var console = PlanTable.CreateConsole(writer, width);
        var saved = ContractNames.Cents(result.SpendWithoutUsd) - ContractNames.Cents(result.SpendWithUsd);
        var share = result.SpendWithoutUsd == 0 ? 0 : saved / ContractNames.Cents(result.SpendWithoutUsd);
        Line(console, $"Policy '{VisibleText.Of(result.PolicyName)}' ({ContractNames.Of(result.Mode)}) over {IsoTime.Format(result.TraceStart)} .. {IsoTime.Format(result.TraceEnd)}: "
            + $"{result.Instances} instances, {result.Rows} rows");
        Line(console, $"  GPU spend without guard  {Usd(result.SpendWithoutUsd),14}");
        Line(console, $"  GPU spend with guard     {Usd(result.SpendWithUsd),14}");
        Line(console, $"  Saved                    {Usd(saved),14}  ({share.ToString("P1", CultureInfo.InvariantCulture)})");
        Line(console, "");

        var rules = RuleOutcomes.Of(result);
        Line(console, rules.Count == 0 ? "By rule: no rule acted." : "By rule:");
        foreach (var rule in rules)
        {
            Line(console, "  " + RuleOutcomes.Line(rule, Usd(rule.SavedUsd)));
        }

        Line(console, "");
        var actions = NewTable($"Actions ({result.Actions.Count})", "Time", "Action", "Reason", "Account", "Instance", "Next active", "Detail");
        foreach (var a in result.Actions.Take(MaxRows))
        {
            var next = a.IsDisruptive ? (a.NextActiveAt is { } n ? IsoTime.Format(n) : "never") : "";
            var detail = a.TagKey is null ? a.Detail : $"{a.TagKey}{(a.TagValue is null ? "" : "=" + a.TagValue)}: {a.Detail}";
            actions.AddRow(Cells(IsoTime.Format(a.Time), ContractNames.Of(a.Action), ContractNames.Of(a.Reason), a.Account, Short(a.Instance), next, detail));
        }

        Write(console, actions, result.Actions.Count);

        var alerts = NewTable($"Alerts ({result.Alerts.Count})", "Time", "Kind", "Account", "Message");
        foreach (var alert in result.Alerts.Take(MaxRows))
        {
            alerts.AddRow(Cells(IsoTime.Format(alert.Time), ContractNames.Of(alert.Kind), alert.Account, alert.Message));
        }

        Write(console, alerts, result.Alerts.Count);

        var disruptions = NewTable(
            $"Disruptions ({result.Disruptions.Count}): stops of instances that were active again within the idle window",
            "Instance", "Account", "Stopped at", "Next active");
        foreach (var d in result.Disruptions.Take(MaxRows))
        {
            disruptions.AddRow(Cells(Short(d.Instance), d.Account, IsoTime.Format(d.StoppedAt), IsoTime.Format(d.NextActiveAt)));
        }

        Write(console, disruptions, result.Disruptions.Count);
    }

    private static void Write(IAnsiConsole console, Table table, int count)
    {
        if (count == 0)
        {
            Line(console, table.Title!.Text + ": none");
            Line(console, "");
            return;
        }

        console.Write(table);
        if (count > MaxRows)
        {
            Line(console, $"  ... and {count - MaxRows} more (see --json or --html)");
        }

        Line(console, "");
    }

    private static void Line(IAnsiConsole console, string text) => console.Write(new Text(text + Environment.NewLine));

    private static Table NewTable(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded, Expand = false };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    // Text renderables (not markup), made visible: ids, tags and messages come from anyone who can tag an instance.
    private static IRenderable[] Cells(params string[] values) => values.Select(v => (IRenderable)new Text(VisibleText.Of(v))).ToArray();

    // Azure VM ids are long resource paths; the VM name is what people recognise in a table.
    private static string Short(string instance) =>
        instance.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? instance[(instance.LastIndexOf('/') + 1)..] : instance;

    private static string Usd(decimal usd) => "$" + ContractNames.Cents(usd).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
