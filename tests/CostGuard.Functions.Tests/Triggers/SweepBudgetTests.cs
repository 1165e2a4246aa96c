using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

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
        await PrimeBillingCacheAsync(policy);

        await Task.WhenAll(messages.Select((m, i) => Task.Run(() => SweepAsync(m, $"inv-{i}", App.NewInstance()))));

        // The fake moves a stopped instance to "stopping"; i-a4-untagged was stopped before the sweep.
        var stopped = Cloud.Instances.Count(i => i.State == "stopping");
        var deferred = (await App.Audit.ReadAsync(null, 1000, CancellationToken.None)).Count(r => r.Outcome == "deferred");
        Assert.Equal(3, messages.Count);
        Assert.Equal(2, stopped);
        Assert.Equal(3, deferred);
        Assert.Contains(App.Notifier.Batches.SelectMany(b => b.Alerts), a => a.Kind == AlertKind.ActionLimit);
    }

    /// <summary>
    /// Billing already cached this hour (as after any earlier sweep): concurrent sweeps that all missed the cache would
    /// wait for one Cost Explorer fetch on the injected clock, which this test does not advance.
    /// </summary>
    private async Task PrimeBillingCacheAsync(string policyJson)
    {
        var policy = CostGuard.Policies.Loading.PolicyLoader.Load(policyJson, "fleet.json").Policy!;
        var aws = App.Services.GetServices<CostGuard.Ports.ICloudFleetProvider>().Single(p => p.Cloud == CostGuard.Policies.CloudKind.Aws);
        var read = await aws.ReadAccountAsync(policy, policy.Accounts[0], Time.GetUtcNow(), CancellationToken.None);
        Assert.True(read.Complete);
    }
}
