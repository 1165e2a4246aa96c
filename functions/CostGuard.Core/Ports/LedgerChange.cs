namespace CostGuard.Ports;

/// <summary>What an update function decided: the ledger to write (null writes nothing) and its result.</summary>
public sealed record LedgerChange<T>(BurnLedgerState? Next, T Result);
