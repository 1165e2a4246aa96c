using CostGuard.Ports;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.State.Contracts;

public sealed class SqliteSweepHealthContractTests : SweepHealthContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override async Task<ISweepHealthStore> CreateAsync() => await SqliteSweepHealthStore.OpenAsync(_file.Path, CancellationToken.None);

    public void Dispose() => _file.Dispose();
}
