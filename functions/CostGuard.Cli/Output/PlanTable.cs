using CostGuard.Sweeps;
using System.Globalization;
using CostGuard.Engine;
using CostGuard.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CostGuard.Cli.Output;

/// <summary>
/// A plan for people: per-account figures, then the actions with reason and detail, deferred actions and alerts.
/// Written to a <see cref="TextWriter"/> (stderr in the CLI: stdout is reserved for machine-readable output).
/// </summary>
internal static class PlanTable
{
    /// <summary>Width used when the writer is not a terminal (tests, CI logs), wide enough for detail sentences.</summary>
    public const int DefaultWidth = 160;

    public static void Write(TextWriter writer, Plan plan, int? width = null)
    {
        var console = CreateConsole(writer, width);
        var mode = PlanWords.Of(plan.Mode);
        console.Write(new Rule(Markup.Escape($"Plan: policy {plan.PolicyName} ({mode}) at {IsoTime.Format(plan.EvaluatedAt)}")).LeftJustified());
        console.Write(AccountsTable(plan));
        console.Write(ActionsTable("Actions", plan.Actions));
        if (plan.Deferred.Count > 0)
        {
            console.Write(ActionsTable("Deferred by the safety limit", plan.Deferred));
        }

        console.Write(AlertsTable(plan.Alerts));
        var disruptive = plan.Actions.Count(a => a.IsDisruptive);
        console.Write(new Text(
            $"{plan.Actions.Count} action(s) ({disruptive} stop/terminate), {plan.Deferred.Count} deferred, {plan.Alerts.Count} alert(s). "
            + "This is a plan: nothing was changed." + Environment.NewLine));
    }

    /// <summary>A Spectre console over any writer, without colors unless it is a real terminal.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, int? width)
    {
        var isTerminal = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width ?? (isTerminal ? Math.Max(console.Profile.Width, 100) : DefaultWidth);
        return console;
    }

    private static Table AccountsTable(Plan plan)
    {
        var table = NewTable("Accounts", "Cloud", "Account", "GPU instances (billing)", "Burn USD/h", "Burn after plan", "Month to date USD", "Monthly cap", "Spend as of");
        foreach (var a in plan.Accounts)
        {
            table.AddRow(Cells(
                PlanWords.Of(a.Cloud),
                a.Account,
                $"{a.GpuInstances} ({a.BillingGpuInstances})",
                Money(a.BurnUsdPerHour) + (a.Caps.MaxHourlyBurnUsd is { } cap ? $" / {Money(cap)}" : string.Empty),
                Money(a.BurnAfterPlanUsdPerHour),
                Money(a.MonthToDateUsd),
                a.Caps.MonthlyUsd is { } monthly ? Money(monthly) : "-",
                a.SpendAsOf is { } asOf ? IsoTime.Format(asOf) : "-"));
        }

        return table;
    }

    private static Table ActionsTable(string title, IReadOnlyList<PlannedAction> actions)
    {
        var table = NewTable($"{title} ({actions.Count})", "Action", "Reason", "Account", "Region", "Instance", "Type", "Detail");
        foreach (var a in actions)
        {
            var tag = a.TagKey is null ? string.Empty : $"[{a.TagKey}{(a.TagValue is null ? string.Empty : "=" + a.TagValue)}] ";
            table.AddRow(Cells(PlanWords.Of(a.Action), PlanWords.Of(a.Reason), a.Instance.Account, a.Instance.Region, ShortId(a.Instance.Id), a.Instance.Type, tag + a.Detail));
        }

        return table;
    }

    private static Table AlertsTable(IReadOnlyList<PlannedAlert> alerts)
    {
        var table = NewTable($"Alerts ({alerts.Count})", "Kind", "Severity", "Cloud", "Account", "Message");
        foreach (var a in alerts)
        {
            table.AddRow(Cells(PlanWords.Of(a.Kind), PlanWords.Of(a.Severity), PlanWords.Of(a.Cloud), a.Account, a.Message));
        }

        return table;
    }

    private static Table NewTable(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded, Expand = false };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    // Text renderables, not markup, made visible: ids, tags and messages may hold brackets, escape codes, newlines.
    private static IRenderable[] Cells(params string[] values) => values.Select(v => (IRenderable)new Text(VisibleText.Of(v))).ToArray();

    /// <summary>Azure VM resource ids are long; people know the VM by its name (the JSON output keeps the full id).</summary>
    private static string ShortId(string id)
    {
        var marker = id.LastIndexOf("/virtualMachines/", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? id : id[(marker + "/virtualMachines/".Length)..];
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
