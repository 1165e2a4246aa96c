using CostGuard.Ports;
using CostGuard.Storage.Budget;
using CostGuard.Storage.Health;
using CostGuard.Storage.Locks;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.Storage.Contracts;

[Collection(AzuriteCollection.Name)]
public sealed class BlobAccountLockContractTests(AzuriteFixture azurite) : AccountLockContract
{
    protected override Task<IAccountLock> CreateAsync(TimeProvider time) =>
        Task.FromResult<IAccountLock>(new BlobAccountLock(TestAccounts.Isolated(azurite), time));
}
