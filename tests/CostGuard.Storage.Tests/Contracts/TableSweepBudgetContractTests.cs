using CostGuard.Ports;
using CostGuard.Storage.Budget;
using CostGuard.Storage.Health;
using CostGuard.Storage.Locks;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Storage.Testing.Contracts;

namespace CostGuard.Storage.Contracts;

[Collection(AzuriteCollection.Name)]
public sealed class TableSweepBudgetContractTests(AzuriteFixture azurite) : SweepBudgetContract
{
    protected override Task<ISweepBudget> CreateAsync() => Task.FromResult<ISweepBudget>(new TableSweepBudget(TestAccounts.Isolated(azurite)));
}
