using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Policies;

namespace CostGuard.Alerts.Tests;

public sealed class AlertTestSenderTests
{
    private const string SlackSetting = "COSTGUARD_SLACK_WEBHOOK_URL";
    private const string TeamsSetting = "COSTGUARD_TEAMS_WEBHOOK_URL";

    [Fact]
    public async Task SendAsync_EveryRouteAndChannel_GetsOneSampleAndReportSaysWhichFailed()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 1 });
        var slack = h.SlackWebhook(SlackSetting);
        var teams = h.TeamsWebhook(TeamsSetting);
        var ml = h.SlackWebhook("SLACK_ML", "BML");
        h.Server.Script(ml, new ScriptedResponse(403, "invalid_token"));
        var alerts = new AlertsConfig
        {
            Slack = new WebhookTarget { WebhookUrlSetting = SlackSetting },
            Teams = new WebhookTarget { WebhookUrlSetting = TeamsSetting },
            Routes = [new AlertRoute { Name = "ml", Slack = new WebhookTarget { WebhookUrlSetting = "SLACK_ML" } }],
        };

        var sender = new AlertTestSender(h.Http, h.Settings, h.Time, new AlertNotifierOptions { MaxAttempts = 1 }, h.Logs.CreateLogger<AlertTestSender>());

        var report = await sender.SendAsync(Samples.Policy(alerts), default);

        Assert.Equal(["ml/slack:False", "default/slack:True", "default/teams:True"], report.Results.Select(r => $"{r.Route}/{r.Channel}:{r.Succeeded}"));
        Assert.Contains("CostGuard test alert", Assert.Single(h.Server.RequestsTo(slack)).Body, StringComparison.Ordinal);
        Assert.Single(h.Server.RequestsTo(teams));
        Assert.Empty(h.Ledger.Pending);
        Assert.Empty(h.Ledger.Sent);
    }

    [Fact]
    public void Destinations_PolicyWithoutAlerts_IsEmpty()
    {
        Assert.Empty(AlertTestSender.Destinations(Samples.Policy(alerts: null)));
    }
}
