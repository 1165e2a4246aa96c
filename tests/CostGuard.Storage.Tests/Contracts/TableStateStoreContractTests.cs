using CostGuard.Ports;
using CostGuard.Storage.Budget;
using CostGuard.Storage.Health;
using CostGuard.Storage.Locks;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.Storage.Contracts;

[Collection(AzuriteCollection.Name)]
public sealed class TableStateStoreContractTests(AzuriteFixture azurite) : StateStoreContract
{
    protected override Task<IStateStore> CreateAsync(TimeProvider time) =>
        Task.FromResult<IStateStore>(new TableStateStore(TestAccounts.Isolated(azurite), time));
}
