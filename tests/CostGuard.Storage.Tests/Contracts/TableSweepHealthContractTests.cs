using CostGuard.Ports;
using CostGuard.Storage.Budget;
using CostGuard.Storage.Health;
using CostGuard.Storage.Locks;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.Storage.Contracts;

[Collection(AzuriteCollection.Name)]
public sealed class TableSweepHealthContractTests(AzuriteFixture azurite) : SweepHealthContract
{
    protected override Task<ISweepHealthStore> CreateAsync() => Task.FromResult<ISweepHealthStore>(new TableSweepHealthStore(TestAccounts.Isolated(azurite)));
}
