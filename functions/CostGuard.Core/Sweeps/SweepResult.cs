using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>What one live sweep read, decided, did and said.</summary>
public sealed record SweepResult
{
    /// <summary>The engine's plan, with the sweep's own guard-failure alerts appended to its alerts.</summary>
    public required Plan Plan { get; init; }

    /// <summary>True when actions were applied (enforce mode and asked to act).</summary>
    public required bool Acted { get; init; }

    /// <summary>One read result per in-scope account, in policy order.</summary>
    public required IReadOnlyList<AccountReadResult> Reads { get; init; }

    /// <summary>Outcomes of applied (or skipped) actions, in plan order; empty when not acting.</summary>
    public required IReadOnlyList<ActionOutcome> Outcomes { get; init; }

    /// <summary>Cloud API requests made during the sweep, keyed <c>service:operation</c>.</summary>
    public required IReadOnlyDictionary<string, int> Requests { get; init; }

    /// <summary>Alert delivery results; null when nothing was handed to a notifier.</summary>
    public DeliveryReport? Delivery { get; init; }

    /// <summary>Problems of the sweep itself (state store, notifier), besides per-account read problems.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when every account read completely and no action or delivery failed.</summary>
    public bool Succeeded =>
        Problems.Count == 0
        && Reads.All(r => r.Complete && r.Problems.Count == 0)
        && Outcomes.All(o => o.Status is not (ActionStatus.Failed or ActionStatus.Denied))
        && (Delivery?.AllSucceeded ?? true);
}
