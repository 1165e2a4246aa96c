using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Triggers;

/// <summary>maxActionsPerSweep limits the whole fanned-out sweep, not each account.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SweepBudgetTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task AccountSweeps_OneSweepIdRunningConcurrently_StopNoMoreThanTheSweepLimit()
    {
        var policy = FleetFixture.PolicyJson.Replace("\"idle\":", "\"safety\": { \"maxActionsPerSweep\": 2 },\n  \"idle\":", StringComparison.Ordinal);
        await App.UploadPolicyAsync("fleet.json", policy);
        await TickAsync();
        var messages = await App.DrainQueueAsync();

        await Task.WhenAll(messages.Select((m, i) => Task.Run(() => SweepAsync(m, $"inv-{i}", App.NewInstance()))));

        var stopped = Cloud.Instances.Count(i => i.State is "stopping" or "stopped");
        var deferred = (await App.State.ReadAsync(null, 1000, CancellationToken.None)).Count(r => r.Outcome == "deferred");
        Assert.Equal(3, messages.Count);
        Assert.Equal(2, stopped);
        Assert.Equal(3, deferred);
        Assert.Contains(App.Notifier.Batches.SelectMany(b => b.Alerts), a => a.Kind == AlertKind.ActionLimit);
    }
}
