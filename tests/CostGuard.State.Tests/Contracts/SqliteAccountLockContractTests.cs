using CostGuard.Ports;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.State.Contracts;

public sealed class SqliteAccountLockContractTests : AccountLockContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override async Task<IAccountLock> CreateAsync(TimeProvider time) =>
        await SqliteAccountLock.OpenAsync(_file.Path, time, isHolderGone: null, CancellationToken.None);

    public void Dispose() => _file.Dispose();
}
