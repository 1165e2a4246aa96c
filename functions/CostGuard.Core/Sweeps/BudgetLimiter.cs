using CostGuard.Engine;
using CostGuard.Engine.Rules;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// The safety limit across the account sweeps of one sweep id: each account sweep claims its disruptive actions from
/// the shared <see cref="ISweepBudget"/>; what is not granted is deferred with the engine's own action-limit alert
/// and priority order (monthly-cap, burn-cap, orphan, idle; engine order within one).
/// </summary>
internal static class BudgetLimiter
{
    public static async Task<Plan> ApplyAsync(
        Policy policy, Plan plan, ISweepBudget budget, string sweepId, string claimant, CancellationToken cancellationToken)
    {
        if (policy.Safety?.MaxActionsPerSweep is not { } limit)
        {
            return plan;
        }

        var wanted = plan.Actions.Count(a => a.IsDisruptive);
        if (wanted == 0)
        {
            return plan;
        }

        var granted = await budget.ClaimAsync(sweepId, claimant, limit, wanted, cancellationToken).ConfigureAwait(false);
        if (granted >= wanted)
        {
            return plan;
        }

        var (kept, deferred) = SafetyLimiter.Limit(plan.Actions, granted);
        List<PlannedAction> allDeferred = [.. plan.Deferred, .. deferred];
        var alert = SafetyLimiter.LimitAlert(limit, wanted + plan.Deferred.Count, allDeferred, plan.EvaluatedAt);

        // One action-limit alert per sweep: it replaces the engine's own when both limits deferred something.
        return plan with
        {
            Actions = kept,
            Deferred = allDeferred,
            Alerts = [.. plan.Alerts.Where(a => a.DedupKey != alert.DedupKey), alert],
        };
    }
}
