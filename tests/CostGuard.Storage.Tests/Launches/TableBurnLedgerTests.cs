using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CostGuard.Ports;
using CostGuard.State.Ledger;
using CostGuard.Storage.Launches;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Storage.Launches;

/// <summary>The burn ledger contract against Table Storage on Azurite; each <see cref="OpenAsync"/> is another Functions instance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableBurnLedgerTests(AzuriteFixture azurite) : BurnLedgerContract
{
    private readonly string _prefix = AzuriteFixture.UniqueName("t");

    protected override Task<IBurnLedger> OpenAsync()
    {
        var account = new StorageAccount(
            new TableServiceClient(azurite.ConnectionString),
            new BlobServiceClient(azurite.ConnectionString),
            new TableStateOptions { TablePrefix = _prefix });
        return Task.FromResult<IBurnLedger>(new TableBurnLedger(account));
    }
}
