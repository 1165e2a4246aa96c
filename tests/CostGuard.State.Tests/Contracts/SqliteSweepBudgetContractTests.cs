using CostGuard.Ports;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.State.Contracts;

public sealed class SqliteSweepBudgetContractTests : SweepBudgetContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override async Task<ISweepBudget> CreateAsync() => await SqliteSweepBudget.OpenAsync(_file.Path, CancellationToken.None);

    public void Dispose() => _file.Dispose();
}
