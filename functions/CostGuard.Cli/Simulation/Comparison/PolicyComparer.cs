using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Simulation;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// Replays a trace through a policy and through its baseline, and once more per rule with that rule off (to
/// measure what the rule saves). Every run is the same pure simulation, so the figures are comparable.
/// </summary>
internal sealed class PolicyComparer(Func<Stream> openTrace, SimulationOptions options)
{
    public async Task<RunFigures> RunAsync(Policy policy, CancellationToken cancellationToken)
    {
        var result = await SimulateAsync(policy, options, cancellationToken).ConfigureAwait(false);

        // The leave-one-out runs are quiet: their warnings and progress would repeat the main run's.
        var quiet = options with { Progress = null, Warning = null };
        var rules = new List<RuleFigures>();
        foreach (var rule in PolicyRule.All)
        {
            decimal? saved = null;
            if (rule.IsOn(policy))
            {
                var without = await SimulateAsync(rule.Without(policy), quiet, cancellationToken).ConfigureAwait(false);
                saved = RunFigures.Saved(result) - RunFigures.Saved(without);
            }

            rules.Add(Figures(rule, policy, result, saved));
        }

        return new RunFigures(result, rules);
    }

    private static RuleFigures Figures(PolicyRule rule, Policy policy, SimulationResult result, decimal? saved)
    {
        var actions = result.Actions.Where(a => rule.Reasons.Contains(a.Reason)).ToList();

        // A disruption is the stop that caused it: same instance, same time.
        var disruptions = result.Disruptions.Count(d => actions.Any(a =>
            a.IsDisruptive && a.Time == d.StoppedAt && a.Cloud == d.Cloud
            && string.Equals(a.Account, d.Account, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Instance, d.Instance, StringComparison.Ordinal)));
        return new RuleFigures(
            rule.Name,
            rule.IsOn(policy),
            saved,
            actions.Count(a => a.Action == ActionKind.Stop),
            actions.Count(a => a.Action == ActionKind.Terminate),
            actions.Count(a => a.Action is ActionKind.Tag or ActionKind.Untag),
            disruptions);
    }

    private Task<SimulationResult> SimulateAsync(Policy policy, SimulationOptions runOptions, CancellationToken cancellationToken) =>
        new TraceSimulator().RunAsync(policy, openTrace, runOptions, cancellationToken);
}
