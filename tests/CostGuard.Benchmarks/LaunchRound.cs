using CostGuard.Launches;

namespace CostGuard.Benchmarks;

/// <summary>One round of 100 concurrent launches: the decisions, the last decision after the last event was handed in, and the cloud calls.</summary>
public sealed record LaunchRound(LedgerStore Store, IReadOnlyList<LaunchResult> Results, TimeSpan LastEnqueuedToDecision, int Reads, int Actions)
{
    public int ConflictRetries => Results.Sum(r => r.LedgerConflictRetries);

    public string Describe() =>
        $"{(Store == LedgerStore.Table ? "Table Storage ledger (Azurite)" : "SQLite ledger")}: {Results.Count} launches: {Results.Count(r => r.Decision == LaunchDecision.Allowed)} allowed, {Results.Count(r => r.Decision == LaunchDecision.Stopped)} stopped; "
        + $"requests per event {(double)(Reads + Actions) / Results.Count:0.00} ({(double)Reads / Results.Count:0.00} reads + {(double)Actions / Results.Count:0.00} actions); "
        + $"last event handed in -> its decision {LastEnqueuedToDecision.TotalMilliseconds:0} ms; ledger conflict retries {ConflictRetries} (most for one event {Results.Max(r => r.LedgerConflictRetries)})";
}
