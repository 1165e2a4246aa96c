using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>What one live sweep read, decided, did and said.</summary>
public sealed record SweepResult
{
    /// <summary>The outcome word of an account another sweep holds.</summary>
    public const string LockedOutcome = "skipped: another sweep holds the lock";

    /// <summary>The engine's plan, with the sweep's own guard-failure alerts appended to its alerts.</summary>
    public required Plan Plan { get; init; }

    /// <summary>The sweep's id (<see cref="SweepIds"/>): with the action, what makes each action id.</summary>
    public string SweepId { get; init; } = string.Empty;

    /// <summary>True when the sweep was allowed to act (enforce mode and asked to act), whether or not it sent anything.</summary>
    public bool Acting { get; init; }

    /// <summary>True only when some action was sent and applied by this run (not by an earlier run of the same sweep).</summary>
    public bool Acted => Outcomes.Any(o => o.Status == ActionStatus.Applied);

    /// <summary>One read result per swept account, in policy order (accounts held by another sweep are not read).</summary>
    public required IReadOnlyList<AccountReadResult> Reads { get; init; }

    /// <summary>Outcomes of the plan's actions that were not held, in plan order; empty when not acting.</summary>
    public required IReadOnlyList<ActionOutcome> Outcomes { get; init; }

    /// <summary>Actions decided but held because the read they rest on failed (see <see cref="ReadHolds"/>).</summary>
    public IReadOnlyList<HeldAction> Held { get; init; } = [];

    /// <summary>Accounts skipped because another sweep holds their lock: neither read nor acted on.</summary>
    public IReadOnlyList<AccountScope> Locked { get; init; } = [];

    /// <summary>True when the sweep was asked to stop while acting: calls in flight completed, nothing new was sent.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Cloud API requests made during the sweep, keyed <c>service:operation</c>.</summary>
    public required IReadOnlyDictionary<string, int> Requests { get; init; }

    /// <summary>Alert delivery results; null when nothing was handed to a notifier.</summary>
    public DeliveryReport? Delivery { get; init; }

    /// <summary>Problems of the sweep itself (state store, notifier), besides per-account read problems.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when every account was swept, read completely, and no action or delivery failed.</summary>
    public bool Succeeded =>
        Problems.Count == 0
        && Locked.Count == 0
        && !Interrupted
        && Reads.All(r => r.Complete && r.Problems.Count == 0 && r.Gaps.Count == 0)
        && Outcomes.All(o => o.Status is not (ActionStatus.Failed or ActionStatus.Denied))
        && (Delivery?.AllSucceeded ?? true);

    /// <summary>
    /// The account's live burn once what this sweep did (acting) or would do (planning) takes effect: stops and
    /// terminations applied or found already done (acting), or neither held nor deferred (planning). Held, deferred,
    /// failed and unsent actions leave the burn as it is.
    /// </summary>
    public decimal BurnAfter(AccountSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var byAction = Outcomes.ToDictionary<ActionOutcome, PlannedAction, ActionOutcome>(o => o.Action, o => o, ReferenceEqualityComparer.Instance);
        var held = Held.Select(h => h.Action).ToHashSet(ReferenceEqualityComparer.Instance);
        var gone = Plan.Actions
            .Where(a => a.IsDisruptive && a.Instance.IsBilling && a.Instance.Cloud == summary.Cloud
                && string.Equals(a.Instance.Account, summary.Account, StringComparison.OrdinalIgnoreCase))
            .Where(a => Acting
                ? byAction.TryGetValue(a, out var o) && o.Status is ActionStatus.Applied or ActionStatus.AlreadyDone
                : !held.Contains(a))
            .Select(a => a.Instance)
            .Distinct()
            .Sum(i => i.UsdPerHour);
        return Math.Max(0m, summary.BurnUsdPerHour - gone);
    }
}
