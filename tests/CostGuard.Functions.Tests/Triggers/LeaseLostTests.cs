using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CostGuard.Aws.Testing;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Hosting;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Storage.Testing.Azurite;
using CostGuard.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostGuard.Functions.Triggers;

/// <summary>
/// The account lease (a blob lease on <c>locks/aws/&lt;account&gt;</c>) is renewed while the sweep works; when a renewal
/// finds it taken, the sweep sends nothing more and the message is retried, never acked as a finished sweep.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LeaseLostTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AccountSweep_LeaseStolenWhileAStopIsInFlight_SendsNoFurtherActionAndTheMessageIsNotAcked()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageA = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.A);
        var hold = Aws.Hold("StopInstances");
        var provider = new CancellationObservingProvider(App.Services.GetServices<ICloudFleetProvider>().Single(p => p.Cloud == CloudKind.Aws));
        var function = new AccountSweepFunction(ServiceWith(provider));

        var sweeping = function.RunAsync(messageA, new TestFunctionContext("inv-1"), CancellationToken.None);
        await hold.Arrived.WaitAsync(Bounded);
        await using var thief = await StealLeaseAsync(FleetFixture.A);
        Time.Advance(App.Services.GetRequiredService<IOptions<GuardOptions>>().Value.LockDuration / 3);
        await provider.Cancelled.WaitAsync(Bounded);
        hold.Release();
        var error = await Assert.ThrowsAsync<AccountLeaseLostException>(() => sweeping.WaitAsync(Bounded));

        // The call in flight when the loss was learned completed and was audited; nothing after it was sent.
        var sent = Assert.Single(Aws.Requests, r => r.Operation == "StopInstances");
        Assert.Equal(0, Aws.Count("CreateTags") + Aws.Count("TerminateInstances"));
        var records = (await App.Audit.ReadAsync(null, 1000, CancellationToken.None)).Where(r => r.ActionId is not null).ToList();
        var outcomes = records.Where(r => r.Kind == AuditKinds.Outcome).ToList();
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, r => Assert.Contains(r.Instance!, sent.Body, StringComparison.Ordinal));
        var notSent = records.Where(r => r.Kind == AuditKinds.Intent && outcomes.All(o => o.ActionId != r.ActionId)).ToList();
        Assert.NotEmpty(notSent);
        Assert.All(notSent, r => Assert.DoesNotContain(r.Instance!, sent.Body, StringComparison.Ordinal));
        Assert.Equal("stopped", Cloud.Get("i-a4-untagged").State);
        Assert.DoesNotContain("costguard:orphan", Cloud.Get("i-a4-untagged").Tags.Keys);

        // Reported, not acked: the failure is in the account's health (what the poison alert would name) and the trigger threw.
        var health = Assert.Single(await App.Health.ReadAsync("fleet-fixture", CancellationToken.None));
        Assert.Equal(1, health.FailuresInARow);
        Assert.Contains("lease was lost", health.LastError, StringComparison.Ordinal);
        Assert.Contains(FleetFixture.A, error.Message, StringComparison.Ordinal);
    }

    private AccountSweepService ServiceWith(ICloudFleetProvider provider)
    {
        var services = App.Services;
        var sweep = new GuardSweep(
            [provider],
            services.GetRequiredService<IStateStore>(),
            services.GetRequiredService<IAlertNotifier>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ApiRequestCounter>());
        return ActivatorUtilities.CreateInstance<AccountSweepService>(services, (Func<GuardSweep>)(() => sweep));
    }

    /// <summary>Another party breaks the lease and takes the account through the real lock (as a contender that judged it expired would).</summary>
    private async Task<IAccountLease> StealLeaseAsync(string account)
    {
        var blob = new BlobContainerClient(App.Azurite.ConnectionString, "locks").GetBlobClient($"aws/{account}");
        await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        var thief = await App.Services.GetRequiredService<IAccountLock>().TryAcquireAsync(CloudKind.Aws, account, "thief", TimeSpan.FromSeconds(60), CancellationToken.None);
        return Assert.IsAssignableFrom<IAccountLease>(thief);
    }
}
