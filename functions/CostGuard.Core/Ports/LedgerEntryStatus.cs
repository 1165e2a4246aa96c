namespace CostGuard.Ports;

/// <summary>Whether a ledger entry counts towards the account's burn.</summary>
public enum LedgerEntryStatus
{
    /// <summary>Billing GPU compute: counted in the burn.</summary>
    Running,

    /// <summary>Stopped (or decided to stop) by the guard: kept so a replayed event changes nothing, never counted.</summary>
    Stopped,
}
