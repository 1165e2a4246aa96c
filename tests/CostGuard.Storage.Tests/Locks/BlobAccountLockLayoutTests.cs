using Azure.Storage.Blobs.Models;
using CostGuard.Policies;
using CostGuard.Storage.Locks;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Time.Testing;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Locks;

[Collection(AzuriteCollection.Name)]
public sealed class BlobAccountLockLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryAcquireAsync_HoldsABlobLeaseOnCloudSlashAccountInTheLocksContainer()
    {
        var account = TestAccounts.Isolated(azurite);
        var locks = new BlobAccountLock(account, new FakeTimeProvider(T0));

        var lease = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "invocation-1", TimeSpan.FromMinutes(5), CancellationToken.None);
        var held = (await account.Blobs.GetBlobContainerClient(account.Options.LocksContainer).GetBlobClient("aws/111122223333").GetPropertiesAsync()).Value;
        await lease!.DisposeAsync();
        var released = (await account.Blobs.GetBlobContainerClient(account.Options.LocksContainer).GetBlobClient("aws/111122223333").GetPropertiesAsync()).Value;

        Assert.Equal(LeaseState.Leased, held.LeaseState);
        Assert.Equal("invocation-1", held.Metadata["holder"]);
        Assert.Equal(LeaseState.Available, released.LeaseState);
    }

    [Fact]
    public void DefaultOptions_LockContainerIsTheAgreedName()
    {
        Assert.Equal("locks", new TableStateOptions().LocksContainer);
    }
}
