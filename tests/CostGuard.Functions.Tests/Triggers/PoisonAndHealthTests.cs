using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Triggers;

/// <summary>Failures in a row raise guard-unhealthy once; a poison message raises guard-failure with the last error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonAndHealthTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task AccountSweep_FailsThreeTimesInARow_RaisesGuardUnhealthyOnce()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageC = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.C);
        Aws.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + FleetFixture.C, FakeAwsCloud.Ec2Error(500, "InternalError", "An internal error has occurred."), times: 1000);

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Time.Advance(TimeSpan.FromMinutes(5));
            await SweepAsync(messageC, $"inv-{attempt}");
        }

        var health = Assert.Single(await App.Health.ReadAsync("fleet-fixture", CancellationToken.None));
        Assert.Equal(4, health.FailuresInARow);
        var unhealthy = Assert.Single(App.Notifier.Batches.SelectMany(b => b.Alerts), a => a.Kind == AlertKind.GuardUnhealthy);
        Assert.Contains(FleetFixture.C, unhealthy.Message, StringComparison.Ordinal);
        Assert.Contains("3 sweeps in a row", unhealthy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_MessageAfterFailedAttempts_RaisesGuardFailureNamingTheAccountAndLastError()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageB = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.B);
        await App.Health.RecordAsync("fleet-fixture", "aws", FleetFixture.B, Time.GetUtcNow(), false, "TimeoutException: the sweep ran out of time", CancellationToken.None);

        await App.Create<AccountSweepPoisonFunction>().RunAsync(messageB, CancellationToken.None);

        var alert = Assert.Single(App.Notifier.Batches.SelectMany(b => b.Alerts));
        Assert.Equal(AlertKind.GuardFailure, alert.Kind);
        Assert.Equal(FleetFixture.B, alert.Account);
        Assert.Contains("TimeoutException: the sweep ran out of time", alert.Message, StringComparison.Ordinal);
        Assert.Contains("costguard-sweeps-poison", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_UnreadableMessage_IsLoggedNotThrown()
    {
        var alert = await App.Create<PoisonSweepHandler>().HandleAsync("not json", 5, CancellationToken.None);

        Assert.Null(alert);
        Assert.Empty(App.Notifier.Batches);
    }
}
