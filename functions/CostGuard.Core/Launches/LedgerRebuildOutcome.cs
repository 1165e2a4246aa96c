using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>A ledger rebuilt from the account's inventory by a launch event, and the cap stops it decided.</summary>
internal sealed record LedgerRebuildOutcome(
    BurnLedgerState Ledger, IReadOnlyList<PlannedAction> Stops, IReadOnlyList<ActionOutcome> Outcomes, decimal BurnBefore);
