using CostGuard.Ports;

namespace CostGuard.State.Ledger;

/// <summary>The contract against SQLite; each <see cref="OpenAsync"/> is a separate handle on one file, like separate processes.</summary>
public sealed class SqliteBurnLedgerTests : BurnLedgerContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-ledger-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override async Task<IBurnLedger> OpenAsync() =>
        await SqliteBurnLedger.OpenAsync(Path.Combine(_directory, "state.db"), TimeProvider.System, CancellationToken.None);
}
