using CostGuard.Engine.Rules;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// The decision engine: a pure function of (policy, fleet snapshot, now) returning a plan. It never
/// performs I/O and never reads the clock; executing the plan is a separate step, so a dry run is free
/// and honest. Rules run in a fixed order: exemptions, orphans, idle, account spend, anomalies, safety.
/// </summary>
public sealed class DecisionEngine
{
    /// <summary>Evaluates every rule over every in-scope account of the snapshot.</summary>
    /// <param name="focus">When set, only this instance is acted on (the launch-event path); the
    /// evaluation still sees its whole account for burn and spend.</param>
    public Plan Evaluate(Policy policy, FleetSnapshot snapshot, DateTimeOffset now, EvaluationFocus? focus = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(snapshot);

        var context = new EvaluationContext(policy, snapshot.Memory, now, focus);
        var summaries = new List<AccountSummary>();
        var gpuTypes = new GpuTypeCache(policy.Gpu);

        foreach (var account in snapshot.Accounts)
        {
            if (!policy.IsInScope(account.Cloud, account.Id))
            {
                continue;
            }

            if (focus is not null && !focus.CoversAccount(account.Cloud, account.Id))
            {
                continue;
            }

            summaries.Add(EvaluateAccount(context, account, gpuTypes));
        }

        var (kept, deferred) = SafetyLimiter.Apply(context, context.Actions);
        return new Plan
        {
            PolicyName = policy.Name,
            Mode = policy.Mode,
            EvaluatedAt = now,
            Actions = kept,
            Deferred = deferred,
            Alerts = context.Alerts,
            Accounts = summaries,
            Memory = context.NextMemory(),
        };
    }

    private static readonly IReadOnlySet<InstanceSnapshot> NoneExempt = new HashSet<InstanceSnapshot>();

    private static AccountSummary EvaluateAccount(EvaluationContext context, AccountSnapshot account, GpuTypeCache gpuTypes)
    {
        var policy = context.Policy;
        var gpuInstances = new List<InstanceSnapshot>(account.Instances.Count);
        foreach (var instance in account.Instances)
        {
            if (instance.State == InstanceState.Terminated)
            {
                continue;
            }

            // Non-GPU instances are never touched.
            if (gpuTypes.IsGpu(instance.Cloud, instance.Type))
            {
                gpuInstances.Add(instance);
            }
        }

        // Exemptions are rare: the set is made only for an account that has one.
        HashSet<InstanceSnapshot>? exemptFound = null;
        foreach (var instance in gpuInstances)
        {
            if (ExemptionRuleEvaluator.Evaluate(context, instance) == ExemptionStatus.Exempt)
            {
                (exemptFound ??= new HashSet<InstanceSnapshot>(ReferenceEqualityComparer.Instance)).Add(instance);
            }
        }

        IReadOnlySet<InstanceSnapshot> exempt = exemptFound ?? NoneExempt;

        foreach (var instance in gpuInstances)
        {
            OrphanRuleEvaluator.Evaluate(context, instance, exempt.Contains(instance));
        }

        foreach (var instance in gpuInstances)
        {
            IdleRuleEvaluator.Evaluate(context, instance, exempt.Contains(instance));
        }

        var caps = policy.SpendCap?.For(account.Id);
        var evaluation = new AccountEvaluation(account, gpuInstances, exempt);
        var (burnBefore, burnAfter) = SpendRuleEvaluator.Evaluate(context, evaluation, caps);

        // The anomaly check belongs to sweeps ("the first sweep after a day closes"), not to launch events.
        if (context.Focus is null)
        {
            AnomalyRuleEvaluator.Evaluate(context, account);
        }

        return new AccountSummary
        {
            Cloud = account.Cloud,
            Account = account.Id,
            GpuInstances = gpuInstances.Count,
            BillingGpuInstances = CountBilling(gpuInstances),
            BurnUsdPerHour = burnBefore,
            BurnAfterPlanUsdPerHour = burnAfter,
            MonthToDateUsd = account.MonthToDateUsd,
            SpendAsOf = account.SpendAsOf,
            BilledUsd = account.BilledUsd,
            Caps = caps ?? new EffectiveCaps(null, null, []),
        };
    }

    private static int CountBilling(List<InstanceSnapshot> instances)
    {
        var count = 0;
        foreach (var instance in instances)
        {
            if (instance.IsBilling)
            {
                count++;
            }
        }

        return count;
    }
}
