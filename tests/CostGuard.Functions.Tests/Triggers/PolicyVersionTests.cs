using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Functions.Support;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Triggers;

/// <summary>Policies from the blob container: the last good version stays in force, messages keep the version they name.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PolicyVersionTests(AzuriteFixture azurite) : AppTestBase(azurite)
{
    private const string Broken = """{ "name": "fleet-fixture", "mode": "enforce", "sweepInterval": "P1M", "accounts": [] }""";

    [Fact]
    public async Task Tick_InvalidUploadOverAGoodVersion_KeepsTheLastGoodVersionAndAlertsOncePerVersion()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        await App.DrainQueueAsync();

        await App.UploadPolicyAsync("fleet.json", Broken);
        Time.Advance(TimeSpan.FromMinutes(5));
        await TickAsync();
        await TickAsync(App.NewInstance());
        var messages = (await App.DrainQueueAsync()).Select(SweepMessage.Parse).ToList();

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Equal(PolicyHash.Of(FleetFixture.PolicyJson), m.PolicyHash));
        var alert = Assert.Single(App.Notifier.Batches.SelectMany(b => b.Alerts));
        Assert.Equal(AlertKind.PolicyInvalid, alert.Kind);
        Assert.Contains("fleet.json", alert.Message, StringComparison.Ordinal);
        Assert.Contains("P1M", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_InvalidFirstVersion_EnqueuesNothingAndRaisesNoAlertWithoutARoute()
    {
        await App.UploadPolicyAsync("fleet.json", Broken);

        await TickAsync();

        Assert.Empty(await App.DrainQueueAsync());
        Assert.Empty(App.Notifier.Batches);
    }

    [Fact]
    public async Task AccountSweep_MessageNamingAnOlderVersion_IsEvaluatedWithThatVersion()
    {
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson);
        await TickAsync();
        var messageA = (await App.DrainQueueAsync()).Single(m => SweepMessage.Parse(m).Account == FleetFixture.A);
        // The new version drops the idle rule: only the old version stops the idle instance.
        await App.UploadPolicyAsync("fleet.json", FleetFixture.PolicyJson.Replace("\"idle\": { \"window\": \"PT30M\", \"gpuUtilBelow\": 5 },", string.Empty, StringComparison.Ordinal));
        Time.Advance(TimeSpan.FromMinutes(5));
        await TickAsync();

        await SweepAsync(messageA);

        Assert.Equal("stopping", Cloud.Get("i-a2-idle").State);
    }

    [Fact]
    public async Task AccountSweep_PolicyVersionGone_IsSkippedWithoutTouchingTheAccount()
    {
        var message = new SweepMessage { SweepId = "fleet-fixture@2026-01-15T12:00:00Z", Policy = "fleet-fixture", PolicyHash = new string('0', 64), Cloud = "aws", Account = FleetFixture.A };

        var outcome = await SweepWithOutcomeAsync(message.ToJson(), "holder");

        Assert.Equal(AccountSweepOutcome.Skipped, outcome);
        Assert.Empty(Aws.Requests);
    }
}
