using Azure.Data.Tables;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Support;
using CostGuard.Launches;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace CostGuard.Functions.Launches;

/// <summary>
/// A missing burn ledger on Table Storage (Azurite) found by twenty concurrent launch events, through the function
/// classes and the loopback AWS fake: one event claims the rebuild and reads the account once; the other nineteen wait
/// (observed in their pause while the one full read's reply is held) and judge against the rebuilt ledger.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LaunchLedgerRebuildTests(AzuriteFixture azurite) : LaunchAppTestBase(azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly AzuriteFixture _azurite = azurite;
    private readonly RebuildWaiters _waiters = new(expected: 19);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_waiters.Options);

    [Fact]
    public async Task Events_TwentyConcurrentOnMissingLedger_OneFullReadOthersWaitAndTheInvariantHolds()
    {
        var ids = Enumerable.Range(1, 20).Select(i => $"i-{i:x17}").ToList();
        ids.ForEach(id => Launch(id));
        foreach (var id in ids)
        {
            await PostAsync(Body(id));
        }

        var messages = await DrainEventsAsync();
        await DeleteLedgerAsync();
        var before = Aws.Requests.Count;
        var fullRead = Aws.Hold(IsFullRead);

        var processing = Task.WhenAll(messages.Select(m => Task.Run(() => ProcessAsync(m))));
        await fullRead.Arrived.WaitAsync(Bound);
        await _waiters.AllWaiting.WaitAsync(Bound);
        var fullReadsWhileWaiting = fullRead.Count;
        fullRead.Release();
        _waiters.Release();
        await processing.WaitAsync(Bound);

        // $21.96/h each: 18 fit ($395.28/h); the inventory shows all twenty, so the rebuild stops the two newest (higher ids).
        var requests = Aws.Requests.Skip(before).ToList();
        var ledger = await LedgerAsync();
        Assert.Equal((1, 19), (fullReadsWhileWaiting, _waiters.Blocked));
        Assert.Equal(1, requests.Count(IsFullRead));
        Assert.Equal(20, requests.Count(r => r.Operation == "DescribeInstances" && !r.Body.Contains("MaxResults", StringComparison.Ordinal)));

        // The rest: the provider's one act-time re-read of the two it stops (then one StopInstances for both).
        Assert.Equal(22, requests.Count(r => r.Operation == "DescribeInstances"));
        Assert.Equal(395.28m, ledger!.BurnUsdPerHour);
        Assert.Null(ledger.Rebuild);
        Assert.Equal(ids.Skip(18), Cloud.Instances.Where(i => i.State is "stopping" or "stopped").Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(18, Cloud.Instances.Count(i => i.State == "running"));
        Assert.Equal(1, requests.Count(r => r.Operation == "StopInstances"));
    }

    /// <summary>The account's inventory read (filtered by state); a launch reads its one instance by id, without paging.</summary>
    private static bool IsFullRead(FakeRequest request) =>
        request.Operation == "DescribeInstances" && request.Body.Contains("instance-state-name", StringComparison.Ordinal);

    private async Task DeleteLedgerAsync()
    {
        var table = new TableClient(_azurite.ConnectionString, "costguardburnledger");
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
        }
    }
}
