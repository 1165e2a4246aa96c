using System.Text;
using CostGuard.Cli.Output.Reports;
using CostGuard.Simulation;
using CostGuard.Time;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// The comparison as GitHub-flavoured Markdown (the policy-check pull-request comment): totals before vs after,
/// per rule, and the actions the change adds or removes.
/// </summary>
internal static class ComparisonMarkdown
{
    /// <summary>At most this many changed actions are listed; the rest are counted.</summary>
    public const int MaxListedActions = 50;

    public static string Render(PolicyComparison c)
    {
        var (b, n) = (c.Baseline.Result, c.New.Result);
        var md = new StringBuilder();
        md.AppendLine($"### `{Escape(n.PolicyName)}` on `{Escape(c.TraceName)}`");
        md.AppendLine();
        md.AppendLine($"Trace {IsoTime.Format(n.TraceStart)} .. {IsoTime.Format(n.TraceEnd)}: {n.Instances} instances, {n.Rows} rows. "
            + $"Baseline `{Escape(b.PolicyName)}` ({ContractNames.Of(b.Mode)}) vs new `{Escape(n.PolicyName)}` ({ContractNames.Of(n.Mode)}).");
        md.AppendLine();
        md.AppendLine("| | baseline | new | change |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine($"| GPU spend without guard | {Money.Usd(b.SpendWithoutUsd)} | {Money.Usd(n.SpendWithoutUsd)} | |");
        md.AppendLine($"| GPU spend with guard | {Money.Usd(b.SpendWithUsd)} | {Money.Usd(n.SpendWithUsd)} | {Money.SignedUsd(ContractNames.Cents(n.SpendWithUsd) - ContractNames.Cents(b.SpendWithUsd))} |");
        md.AppendLine($"| **Saved** | **{Money.Usd(c.Baseline.SavedUsd)}** ({Money.Percent(c.Baseline.SavedUsd, b.SpendWithoutUsd)}) | "
            + $"**{Money.Usd(c.New.SavedUsd)}** ({Money.Percent(c.New.SavedUsd, n.SpendWithoutUsd)}) | **{Money.SignedUsd(c.New.SavedUsd - c.Baseline.SavedUsd)}** |");
        Count(md, "Stops", b, n, a => a.Action == Engine.ActionKind.Stop);
        Count(md, "Terminations", b, n, a => a.Action == Engine.ActionKind.Terminate);
        Count(md, "Tags", b, n, a => a.Action is Engine.ActionKind.Tag or Engine.ActionKind.Untag);
        md.AppendLine($"| **Disruptions** (stopped, active again within the idle window) | {b.Disruptions.Count} | {n.Disruptions.Count} | **{Money.Signed(n.Disruptions.Count - b.Disruptions.Count)}** |");
        md.AppendLine($"| Alerts | {b.Alerts.Count} | {n.Alerts.Count} | {Money.Signed(n.Alerts.Count - b.Alerts.Count)} |");
        md.AppendLine();
        md.AppendLine("| rule | saved (baseline → new) | stops | terminations | tags | disruptions |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var rule in c.New.Rules)
        {
            var before = c.Baseline.Rule(rule.Rule);
            md.AppendLine($"| {rule.Rule} | {Saved(before)} → {Saved(rule)}{SavedChange(before, rule)} | {Pair(before.Stops, rule.Stops)} | "
                + $"{Pair(before.Terminations, rule.Terminations)} | {Pair(before.Tags, rule.Tags)} | {Pair(before.Disruptions, rule.Disruptions)} |");
        }

        md.AppendLine();
        md.AppendLine("<sub>Saved per rule = the run's saving less its saving with that rule switched off. Rules overlap "
            + "(an idle GPU may also be over a cap), so the rows need not add up to the total.</sub>");
        AppendActions(md, b, n);
        return md.ToString();
    }

    private static void Count(StringBuilder md, string label, SimulationResult b, SimulationResult n, Func<SimulatedAction, bool> which)
    {
        var (before, after) = (b.Actions.Count(which), n.Actions.Count(which));
        md.AppendLine($"| {label} | {before} | {after} | {Money.Signed(after - before)} |");
    }

    private static void AppendActions(StringBuilder md, SimulationResult b, SimulationResult n)
    {
        var (added, removed) = ActionDiff.Of(b, n);
        md.AppendLine();
        if (added.Count + removed.Count == 0)
        {
            md.AppendLine("The change takes exactly the same actions on this trace.");
            return;
        }

        md.AppendLine($"<details><summary>Actions that change: {added.Count} added, {removed.Count} removed</summary>");
        md.AppendLine();
        md.AppendLine("| | time | action | reason | account | instance | next active |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        var rows = added.Select(a => ("+", a)).Concat(removed.Select(a => ("−", a))).OrderBy(r => r.a.Time).ThenBy(r => r.a.Instance, StringComparer.Ordinal).ToList();
        foreach (var (sign, a) in rows.Take(MaxListedActions))
        {
            var next = a.IsDisruptive ? (a.NextActiveAt is { } t ? IsoTime.Format(t) : "never") : string.Empty;
            md.AppendLine($"| {sign} | {IsoTime.Format(a.Time)} | {ContractNames.Of(a.Action)} | {ContractNames.Of(a.Reason)} | {Escape(a.Account)} | {Escape(a.Instance)} | {next} |");
        }

        if (rows.Count > MaxListedActions)
        {
            md.AppendLine();
            md.AppendLine($"… and {rows.Count - MaxListedActions} more (run `costguard simulate --baseline-policy` locally for all of them).");
        }

        md.AppendLine();
        md.AppendLine("</details>");
    }

    private static string Saved(RuleFigures rule) => rule.SavedUsd is { } usd ? Money.Usd(usd) : "off";

    private static string SavedChange(RuleFigures before, RuleFigures after) =>
        before.SavedUsd is { } b && after.SavedUsd is { } a ? $" ({Money.SignedUsd(a - b)})" : string.Empty;

    private static string Pair(int before, int after) => before == after ? $"{after}" : $"{before} → {after} ({Money.Signed(after - before)})";

    /// <summary>Policy names and ids come from the pull request: keep them from breaking the table or injecting markup.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
