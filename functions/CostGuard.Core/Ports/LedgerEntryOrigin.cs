namespace CostGuard.Ports;

/// <summary>Who put an entry in the ledger: the inventory (a sweep or a rebuild) or a launch event's decision.</summary>
public enum LedgerEntryOrigin
{
    /// <summary>Read from the real inventory; the caps were judged over the whole account.</summary>
    Inventory,

    /// <summary>Decided by a launch event on its own; a replay of that event changes nothing.</summary>
    Launch,
}
