using System.Globalization;
using CostGuard.Cli.Output.Reports;
using CostGuard.Engine;
using CostGuard.Simulation;
using CostGuard.Time;

namespace CostGuard.Cli.Simulation;

/// <summary>Groups a simulation's actions by rule, the first thing a person reads: "burn-cap: 30 stops at ..., saved $4,120.00".</summary>
internal static class RuleOutcomes
{
    public static IReadOnlyList<RuleOutcome> Of(SimulationResult result) =>
        result.Actions
            .GroupBy(a => a.Reason)
            .OrderBy(g => g.Key)
            .Select(g => new RuleOutcome(
                g.Key,
                g.GroupBy(a => a.Action).OrderBy(k => k.Min(a => a.Time)).ThenBy(k => k.Key).Select(k => (k.Key, k.Count())).ToList(),
                g.Min(a => a.Time),
                g.Max(a => a.Time),
                ContractNames.Cents(result.SavedUsdByReason.GetValueOrDefault(g.Key))))
            .ToList();

    /// <summary>"3 tags, 3 stops, 3 terminates".</summary>
    public static string Counts(RuleOutcome rule) =>
        string.Join(", ", rule.Actions.Select(a => $"{a.Count.ToString(CultureInfo.InvariantCulture)} {Plural(ContractNames.Of(a.Kind), a.Count)}"));

    /// <summary>"at T" when every action happened at once, else "from T1 to T2".</summary>
    public static string When(RuleOutcome rule) =>
        rule.First == rule.Last ? $"at {IsoTime.Format(rule.First)}" : $"from {IsoTime.Format(rule.First)} to {IsoTime.Format(rule.Last)}";

    public static string Line(RuleOutcome rule, string usd) =>
        $"{ContractNames.Of(rule.Reason)}: {Counts(rule)} {When(rule)}, saved {usd}";

    private static string Plural(string word, int count) => count == 1 ? word : word + "s";
}
