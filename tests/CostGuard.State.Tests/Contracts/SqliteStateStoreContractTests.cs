using CostGuard.Ports;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.State.Contracts;

public sealed class SqliteStateStoreContractTests : StateStoreContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override async Task<IStateStore> CreateAsync(TimeProvider time) => await SqliteStateStore.OpenAsync(_file.Path, time, CancellationToken.None);

    public void Dispose() => _file.Dispose();
}
