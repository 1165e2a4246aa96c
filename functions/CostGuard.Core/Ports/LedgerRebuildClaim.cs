namespace CostGuard.Ports;

/// <summary>
/// Who is rebuilding a missing or stale ledger from the account's inventory, and since when. Stored in the ledger itself,
/// so one atomic update claims the rebuild for every event, process and Functions instance at once.
/// </summary>
public sealed record LedgerRebuildClaim(string Owner, DateTimeOffset ClaimedAt);
