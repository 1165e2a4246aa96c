using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Storage;

/// <summary>A storage account on the shared Azurite with tables and containers of its own: tests never see each other's state.</summary>
internal static class TestAccounts
{
    public static StorageAccount Isolated(AzuriteFixture azurite, Action<TableStateOptions>? configure = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var options = new TableStateOptions
        {
            ConnectionString = azurite.ConnectionString,
            TablePrefix = "t" + id,
            StateContainer = "state-" + id,
            LocksContainer = "locks-" + id,
        };
        configure?.Invoke(options);
        return new StorageAccount(new TableServiceClient(options.ConnectionString), new BlobServiceClient(options.ConnectionString), options);
    }
}
