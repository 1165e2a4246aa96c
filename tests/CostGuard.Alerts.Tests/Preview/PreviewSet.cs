using System.Text.Json.Nodes;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>
/// The messages shown in the docs, captured from what the notifier really posted to the loopback server for a plan
/// of the real decision engine; nothing is hand-assembled for the pictures.
/// </summary>
internal static class PreviewSet
{
    public const string Time = "12:00";

    public static async Task<IReadOnlyDictionary<string, string>> HtmlPagesAsync()
    {
        var (slackSingle, teamsSingle) = await CaptureAsync(single: true);
        var (slackDigest, teamsDigest) = await CaptureAsync(single: false);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["slack-single"] = BlockKitHtmlRenderer.Render(slackSingle, Time),
            ["slack-digest"] = BlockKitHtmlRenderer.Render(slackDigest, Time),
            ["teams-single"] = AdaptiveCardHtmlRenderer.Render(teamsSingle, Time),
            ["teams-digest"] = AdaptiveCardHtmlRenderer.Render(teamsDigest, Time),
        };
    }

    /// <summary>Delivers the engine's plan (or just its idle stop) to one Slack and one Teams webhook; returns both bodies.</summary>
    public static async Task<(JsonObject Slack, JsonObject Teams)> CaptureAsync(bool single)
    {
        await using var h = new NotifierHarness();
        var slack = h.SlackWebhook("COSTGUARD_SLACK_WEBHOOK_URL");
        var teams = h.TeamsWebhook("COSTGUARD_TEAMS_WEBHOOK_URL");
        var policy = EngineSamples.Policy(new AlertsConfig
        {
            Slack = new WebhookTarget { WebhookUrlSetting = "COSTGUARD_SLACK_WEBHOOK_URL" },
            Teams = new WebhookTarget { WebhookUrlSetting = "COSTGUARD_TEAMS_WEBHOOK_URL" },
        });
        var plan = EngineSamples.Evaluate(policy, extraIdle: single ? 0 : 9);
        var batch = EngineSamples.Batch(plan);
        if (single)
        {
            batch = batch with
            {
                Alerts = [],
                Actions = [.. batch.Actions.Where(a => a.Action.Action == ActionKind.Stop && a.Action.Reason == ActionReason.Idle)],
            };
        }

        var report = await h.Notifier.DeliverAsync(policy, batch, default);
        if (!report.AllSucceeded)
        {
            throw new InvalidOperationException("preview delivery failed: " + string.Join("; ", report.Results.Select(r => r.Error)));
        }

        return (Body(h, slack), Body(h, teams));
    }

    private static JsonObject Body(NotifierHarness h, string path) => JsonNode.Parse(Assert.Single(h.Server.RequestsTo(path)).Body)!.AsObject();
}
