using System.Text.Json.Nodes;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Engine;

namespace CostGuard.Alerts.Tests;

/// <summary>The real engine's plan, delivered over real HTTP: every alert and applied action shows up once.</summary>
public sealed class EngineToChatTests
{
    [Fact]
    public void Evaluate_SampleFleet_RaisesTheAlertsAndActionsTheMessagesAreAbout()
    {
        var plan = EngineSamples.Evaluate(EngineSamples.Policy());

        Assert.Contains(plan.Alerts, a => a.Kind == AlertKind.CapWarning);
        Assert.Contains(plan.Alerts, a => a.Kind == AlertKind.ExemptionInvalid);
        Assert.Contains(plan.Actions, a => a.Action == ActionKind.Stop && a.Reason == ActionReason.Idle);
        Assert.Contains(plan.Actions, a => a.Action == ActionKind.Tag && a.Reason == ActionReason.Orphan);
    }

    [Fact]
    public async Task DeliverAsync_EnginePlan_OneDigestNamingEveryItem()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook("COSTGUARD_SLACK_WEBHOOK_URL");
        var policy = EngineSamples.Policy(Samples.SlackOnly());
        var plan = EngineSamples.Evaluate(policy);

        var report = await h.Notifier.DeliverAsync(policy, EngineSamples.Batch(plan), default);

        Assert.True(report.AllSucceeded);
        var body = JsonNode.Parse(Assert.Single(h.Server.RequestsTo(path)).Body)!;
        var expected = plan.Alerts.Count + plan.Actions.Count(a => a.Action != ActionKind.Untag);
        Assert.Contains($"{expected} alerts", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var json = body.ToJsonString();
        foreach (var alert in plan.Alerts)
        {
            Assert.Contains(JsonValue.Create(alert.Message)!.ToJsonString().Trim('"')[..20], json, StringComparison.Ordinal);
        }

        foreach (var id in new[] { "i-0idle000000000001", "i-0orphan0000000001", "i-0exempt0000000001" })
        {
            Assert.Contains(id, json, StringComparison.Ordinal);
        }
    }
}
