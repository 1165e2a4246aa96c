using CostGuard.Aws.Testing;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Triggers;

/// <summary>Scheduler -> costguard-sweeps -> account sweeps for the 3-account fleet, on Azurite and the AWS fake.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FanOutEndToEndTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task SchedulerThenAccountSweeps_ThreeAccountFleet_EachAccountSweptOnceAndActedOn()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);

        await TickAsync();
        var messages = await App.DrainQueueAsync();
        foreach (var message in messages)
        {
            await SweepAsync(message);
        }

        var parsed = messages.Select(SweepMessage.Parse).ToList();
        Assert.Equal([FleetFixture.A, FleetFixture.B, FleetFixture.C], parsed.Select(m => m.Account).Order());
        Assert.All(parsed, m => Assert.Equal("fleet-fixture@2026-01-15T12:00:00Z", m.SweepId));
        Assert.All(parsed, m => Assert.Equal(PolicyHash.Of(FleetFixture.PolicyJson), m.PolicyHash));
        Assert.All(parsed, m => Assert.Equal("aws", m.Cloud));
        Assert.Equal("stopping", Cloud.Get("i-a2-idle").State);
        Assert.Equal("stopping", Cloud.Get("i-b1-busy").State);
        Assert.Equal("stopping", Cloud.Get("i-c2-orphan").State);
        var stops = (await App.State.ReadAsync(null, 1000, CancellationToken.None)).Where(r => r.Action == "stop" && r.Kind != Ports.AuditKinds.Intent).ToList();
        Assert.Equal(5, stops.Count);
        Assert.All(stops, r => Assert.Equal("applied", r.Outcome));
        var health = await App.Health.ReadAsync("fleet-fixture", CancellationToken.None);
        Assert.Equal(3, health.Count);
        Assert.All(health, h => Assert.Equal((FleetFixture.Now, 0), (h.LastSuccessAt!.Value, h.FailuresInARow)));
    }

    [Fact]
    public async Task Tick_RunTwiceAndOnASecondInstance_EnqueuesEachAccountOnce()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);

        await TickAsync();
        await TickAsync();
        await TickAsync(App.NewInstance());
        Time.Advance(TimeSpan.FromMinutes(1));
        await TickAsync();

        Assert.Equal(3, (await App.DrainQueueAsync()).Count);
    }

    [Fact]
    public async Task Tick_NextIntervalSlot_EnqueuesTheNextSweep()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);

        await TickAsync();
        var first = await App.DrainQueueAsync();
        Time.Advance(TimeSpan.FromMinutes(5));
        await TickAsync();
        var second = await App.DrainQueueAsync();

        Assert.Equal(3, first.Count);
        Assert.Equal(3, second.Count);
        Assert.All(second, m => Assert.Equal("fleet-fixture@2026-01-15T12:05:00Z", SweepMessage.Parse(m).SweepId));
    }

    [Fact]
    public async Task AccountSweep_SameMessageReplayed_NoSecondActionOrAuditRecord()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageA = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.A);

        await SweepAsync(messageA, "inv-1");
        var stopsAfterFirst = Aws.Count("StopInstances");
        var tagsAfterFirst = Aws.Count("CreateTags");
        var actionRecords = await ActionRecordsAsync();
        await SweepAsync(messageA, "inv-2");

        Assert.True(stopsAfterFirst > 0);
        Assert.Equal(stopsAfterFirst, Aws.Count("StopInstances"));
        Assert.Equal(tagsAfterFirst, Aws.Count("CreateTags"));
        Assert.Equal(actionRecords, await ActionRecordsAsync());
    }

    [Fact]
    public async Task AccountSweep_TwoSweepsOfOneAccountAtOnce_OneActsTheOtherRequeuesWithADelay()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageA = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.A);
        var (entered, release) = App.Notifier.HoldNext();

        var first = SweepWithOutcomeAsync(messageA, "holder-1");
        await entered.WaitAsync(TimeSpan.FromSeconds(60));
        var second = await SweepWithOutcomeAsync(messageA, "holder-2");
        var visibleWhileDelayed = await App.DrainQueueAsync();
        release.SetResult();
        var firstOutcome = await first.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(AccountSweepOutcome.Succeeded, firstOutcome);
        Assert.Equal(AccountSweepOutcome.Requeued, second);
        Assert.Empty(visibleWhileDelayed);
        Assert.Equal(1, await App.QueueLengthAsync());
        Assert.Equal("stopping", Cloud.Get("i-a2-idle").State);
        Assert.Equal("stopping", Cloud.Get("i-a3-nometrics").State);
        Assert.Equal(1, Aws.Requests.Count(r => r.Operation == "StopInstances" && r.Body.Contains("i-a2-idle", StringComparison.Ordinal)));
    }

    private async Task<List<string>> ActionRecordsAsync() =>
        (await App.State.ReadAsync(null, 1000, CancellationToken.None))
            .Where(r => r.Action != "alert")
            .Select(r => $"{r.Kind} {r.Action} {r.Instance} {r.Outcome}")
            .Order()
            .ToList();
}
