using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Storage.Harness;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConnectionString_TablesAndBlobs_AreServedByTheEmulator()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("harness"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("harness"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("aws/111122223333");
        await blob.UploadAsync(BinaryData.FromString(""));
        var lease = await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));
        var second = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));
        Assert.Equal(409, conflict.Status);
        Assert.NotNull(lease.Value.LeaseId);
        Assert.Equal(409, second.Status);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheEmulator_PortsNoLongerListen()
    {
        var server = await AzuriteServer.StartAsync(CancellationToken.None);
        var port = server.TablePort;
        var listening = await FreePortsProbe.IsListeningAsync(port);

        await server.DisposeAsync();

        Assert.True(listening);
        Assert.False(await FreePortsProbe.IsListeningAsync(port));
    }
}
