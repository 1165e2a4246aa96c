namespace CostGuard.Benchmarks;

/// <summary>Which burn ledger the launch benchmark runs on: the CLI's SQLite file, or the Functions app's Table Storage (Azurite).</summary>
public enum LedgerStore
{
    Sqlite,
    Table,
}
