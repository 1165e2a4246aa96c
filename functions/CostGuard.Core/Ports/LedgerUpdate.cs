namespace CostGuard.Ports;

/// <summary>The result of an atomic ledger update and how often it lost a race and was re-run.</summary>
public sealed record LedgerUpdate<T>(T Result, int ConflictRetries);
