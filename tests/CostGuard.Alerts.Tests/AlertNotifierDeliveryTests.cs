using System.Text.Json.Nodes;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Alerts.Tests;

/// <summary>End to end over real HTTP: the notifier posts to a loopback server standing in for Slack and Teams.</summary>
public sealed class AlertNotifierDeliveryTests
{
    private const string SlackSetting = "COSTGUARD_SLACK_WEBHOOK_URL";
    private const string TeamsSetting = "COSTGUARD_TEAMS_WEBHOOK_URL";

    [Fact]
    public async Task DeliverAsync_OneAlert_PostsBlockKitWithFallbackTextToSlack()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        var instance = Samples.Instance();

        var report = await h.Notifier.DeliverAsync(
            Samples.Policy(Samples.SlackOnly()), Samples.Batch(actions: [Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance)]), default);

        Assert.True(report.AllSucceeded);
        var request = Assert.Single(h.Server.RequestsTo(path));
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Contains("Idle GPU instance stopped", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Contains(blocks, b => b!["fields"] is JsonArray fields && fields.Any(f => f!["text"]!.GetValue<string>() == "*Owner*\nalice"));
    }

    [Fact]
    public async Task DeliverAsync_TeamsRoute_PostsAdaptiveCardInMessageAttachmentAndAccepts202()
    {
        await using var h = new NotifierHarness();
        var path = h.TeamsWebhook(TeamsSetting);
        var alerts = new AlertsConfig { Teams = new WebhookTarget { WebhookUrlSetting = TeamsSetting } };

        var report = await h.Notifier.DeliverAsync(
            Samples.Policy(alerts), Samples.Batch([Samples.Alert(AlertKind.CapBreach)]), default);

        var result = Assert.Single(report.Results);
        Assert.True(result.Succeeded);
        Assert.Equal("teams", result.Channel);
        var body = JsonNode.Parse(Assert.Single(h.Server.RequestsTo(path)).Body)!;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeliverAsync_ManyItemsOneRoute_SendsOneDigestPerChannel()
    {
        await using var h = new NotifierHarness();
        var slack = h.SlackWebhook(SlackSetting);
        var teams = h.TeamsWebhook(TeamsSetting);
        var alerts = new AlertsConfig
        {
            Slack = new WebhookTarget { WebhookUrlSetting = SlackSetting },
            Teams = new WebhookTarget { WebhookUrlSetting = TeamsSetting },
        };
        var actions = Enumerable.Range(0, 25)
            .Select(i => Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: $"i-{i:D17}", usdPerHour: 1 + i)))
            .ToList();

        var report = await h.Notifier.DeliverAsync(Samples.Policy(alerts), Samples.Batch(actions: actions), default);

        Assert.Equal(2, report.Results.Count);
        Assert.All(report.Results, r => Assert.Equal(1, r.Messages));
        var slackBody = JsonNode.Parse(Assert.Single(h.Server.RequestsTo(slack)).Body)!;
        Assert.Contains("25 alerts", slackBody["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("15 more", slackBody.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(h.Server.RequestsTo(teams));
        Assert.Equal(25, h.Ledger.Sent.Count(p => p.Key.StartsWith("gpu-guard/default/slack|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeliverAsync_RoutesByAccountTagAndSeverity_EachRouteGetsOnlyItsAlerts()
    {
        await using var h = new NotifierHarness();
        var mlPath = h.SlackWebhook("SLACK_ML", "BML");
        var otherAccountPath = h.SlackWebhook("SLACK_OTHER", "BOTHER");
        var pagerPath = h.TeamsWebhook("TEAMS_PAGER", "pager");
        var defaultPath = h.SlackWebhook(SlackSetting, "BDEFAULT");
        var alerts = new AlertsConfig
        {
            Slack = new WebhookTarget { WebhookUrlSetting = SlackSetting },
            Routes =
            [
                new AlertRoute { Name = "critical", MinSeverity = AlertSeverity.Critical, Teams = new WebhookTarget { WebhookUrlSetting = "TEAMS_PAGER" } },
                new AlertRoute { Name = "ml", Tags = new Dictionary<string, string> { ["team"] = "ml-research" }, Slack = new WebhookTarget { WebhookUrlSetting = "SLACK_ML" } },
                new AlertRoute { Name = "other-account", Accounts = [Samples.OtherAwsAccount], Slack = new WebhookTarget { WebhookUrlSetting = "SLACK_OTHER" } },
            ],
        };
        var batch = Samples.Batch(
            [Samples.Alert(AlertKind.CapBreach, AlertSeverity.Critical, account: Samples.AwsAccount)],
            [
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: "i-ml", team: "ml-research")),
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: "i-other", account: Samples.OtherAwsAccount, team: "web")),
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: "i-rest", team: "web")),
            ]);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(alerts), batch, default);

        Assert.True(report.AllSucceeded);
        Assert.Equal(["critical", "ml", "other-account", "default"], report.Results.Select(r => r.Route));
        Assert.Contains("Monthly GPU cap reached", Assert.Single(h.Server.RequestsTo(pagerPath)).Body, StringComparison.Ordinal);
        Assert.Contains("i-ml", Assert.Single(h.Server.RequestsTo(mlPath)).Body, StringComparison.Ordinal);
        var other = Assert.Single(h.Server.RequestsTo(otherAccountPath)).Body;
        Assert.Contains("i-other", other, StringComparison.Ordinal);
        Assert.DoesNotContain("i-ml", other, StringComparison.Ordinal);
        var rest = Assert.Single(h.Server.RequestsTo(defaultPath)).Body;
        Assert.Contains("i-rest", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("Monthly GPU cap reached", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_429WithRetryAfter_WaitsThatLongAndRetries()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, ScriptedResponse.SlackRateLimited("7"), ScriptedResponse.SlackOk);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.True(report.AllSucceeded);
        Assert.Equal(2, h.Server.RequestsTo(path).Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], h.Time.Waits);
        Assert.Empty(h.Ledger.Pending);
    }

    [Fact]
    public async Task DeliverAsync_5xxThenOk_RetriesWithJitteredExponentialBackoffOnTheInjectedClock()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { BaseDelay = TimeSpan.FromSeconds(2), Randomizer = () => 0.5 });
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(500, "rollup_error"), new ScriptedResponse(503), ScriptedResponse.SlackOk);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.True(report.AllSucceeded);
        Assert.Equal(3, h.Server.RequestsTo(path).Count);
        Assert.Equal(2, h.Time.Waits.Count);
        Assert.All(h.Time.Waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.NotEqual(h.Time.Waits[0], h.Time.Waits[1]);

        // Each retry went out only once its wait had passed on the injected clock, and nothing else moved it.
        Assert.Equal(Samples.Now + h.Time.Waits[0] + h.Time.Waits[1], h.Time.GetUtcNow());
    }

    [Fact]
    public async Task DeliverAsync_BackoffLongerThanMaxDelay_EveryWaitIsCapped()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions
        {
            MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(5), Randomizer = () => 0.99,
        });
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(500), new ScriptedResponse(500), new ScriptedResponse(500), new ScriptedResponse(500), new ScriptedResponse(500));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.False(report.AllSucceeded);
        Assert.Equal(5, h.Server.RequestsTo(path).Count);
        Assert.Equal(4, h.Time.Waits.Count);
        Assert.All(h.Time.Waits, w => Assert.InRange(w, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterWithinTheCap_IsWaitedExactlyEvenAboveMaxDelay()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxDelay = TimeSpan.FromSeconds(5), MaxRetryAfter = TimeSpan.FromSeconds(60) });
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, ScriptedResponse.SlackRateLimited("45"), ScriptedResponse.SlackOk);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.True(report.AllSucceeded);
        Assert.Equal([TimeSpan.FromSeconds(45)], h.Time.Waits);
    }

    [Fact]
    public async Task DeliverAsync_WebhookHangs_AttemptTimesOutOnTheInjectedClockAndIsRetried()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { AttemptTimeout = TimeSpan.FromSeconds(10) });
        var path = h.SlackWebhook(SlackSetting);
        // Never released: the hung answer is abandoned when the server is disposed.
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.Script(path, ScriptedResponse.SlackOk with { Hold = never.Task });

        var delivery = h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);
        for (var i = 0; i < 1000 && h.Server.RequestsTo(path).Count == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Single(h.Server.RequestsTo(path));

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await delivery;

        Assert.True(Assert.Single(report.Results).Succeeded);
        Assert.Equal(2, h.Server.RequestsTo(path).Count);
        Assert.InRange(Assert.Single(h.Time.Waits), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.Contains(h.Logs.Lines, l => l.Contains("no answer within 10 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_400InvalidPayload_NotRetriedRecordedAndNotKeptPending()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(400, "invalid_payload"));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        var result = Assert.Single(report.Results);
        Assert.False(result.Succeeded);
        Assert.Contains("invalid_payload", result.Error, StringComparison.Ordinal);
        Assert.Single(h.Server.RequestsTo(path));
        Assert.Empty(h.Time.Waits);
        Assert.Empty(h.Ledger.Pending);
        Assert.Contains(h.Logs.Lines, l => l.Contains("invalid_payload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_SlackRejectsBlocks_SendsThePlainTextInstead()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(400, "invalid_blocks"));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        var result = Assert.Single(report.Results);
        Assert.True(result.Succeeded);
        Assert.Contains("invalid_blocks", result.Error, StringComparison.Ordinal);
        var requests = h.Server.RequestsTo(path);
        Assert.Equal(2, requests.Count);
        var plain = JsonNode.Parse(requests[1].Body)!;
        Assert.Null(plain["blocks"]);
        Assert.Contains("Hourly GPU burn over the cap", plain["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(h.Ledger.Sent);
    }

    [Fact]
    public async Task DeliverAsync_404NoService_NotRetriedNowButKeptPending()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(404, "no_service"));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.False(report.AllSucceeded);
        Assert.Single(h.Server.RequestsTo(path));
        var pending = Assert.Single(h.Ledger.Pending);
        Assert.Equal("gpu-guard", pending.Policy);
        Assert.Equal("default", pending.Route);
        Assert.Equal("slack", pending.Channel);
    }

    [Fact]
    public async Task DeliverAsync_AlwaysFailing_GivesUpAfterMaxAttemptsKeepsPendingAndDoesNotThrow()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 3 });
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, new ScriptedResponse(500), new ScriptedResponse(502), new ScriptedResponse(503), new ScriptedResponse(504));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.False(Assert.Single(report.Results).Succeeded);
        Assert.Equal(3, h.Server.RequestsTo(path).Count);
        var pending = Assert.Single(h.Ledger.Pending);
        Assert.Equal(3, pending.Attempts);
        Assert.Contains("Hourly GPU burn over the cap", pending.PayloadJson, StringComparison.Ordinal);
        h.AssertNoSecretIn(pending.PayloadJson + pending.LastError);
    }

    [Fact]
    public async Task DeliverAsync_RetryAfterLongerThanRunWaits_KeepsPendingWithoutWaiting()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxRetryAfter = TimeSpan.FromSeconds(30) });
        var path = h.SlackWebhook(SlackSetting);
        h.Server.Script(path, ScriptedResponse.SlackRateLimited("600"));

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.False(report.AllSucceeded);
        Assert.Empty(h.Time.Waits);
        Assert.Single(h.Ledger.Pending);
    }

    [Fact]
    public async Task DeliverAsync_PendingFromLastRun_IsRetriedAndNotDuplicatedByTheSameAlert()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 1 });
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly());
        var batch = Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]);
        h.Server.Script(path, new ScriptedResponse(503));
        await h.Notifier.DeliverAsync(policy, batch, default);
        var firstBody = Assert.Single(h.Server.RequestsTo(path)).Body;

        h.Time.Advance(policy.SweepInterval);
        var report = await h.Notifier.DeliverAsync(policy, batch, default);

        Assert.True(report.AllSucceeded);
        var requests = h.Server.RequestsTo(path);
        Assert.Equal(2, requests.Count);
        Assert.Equal(firstBody, requests[1].Body);
        Assert.Empty(h.Ledger.Pending);
        Assert.Single(h.Ledger.Sent);
    }

    [Fact]
    public async Task DeliverAsync_PendingOfAnotherPolicy_IsLeftAloneAndNotSentToThisPolicysRoutes()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 1 });
        var first = h.SlackWebhook("SLACK_A", "BA");
        var second = h.SlackWebhook("SLACK_B", "BB");
        var policyA = Samples.Policy(Samples.SlackOnly("SLACK_A")) with { Name = "policy-a" };
        var policyB = Samples.Policy(Samples.SlackOnly("SLACK_B")) with { Name = "policy-b" };
        h.Server.Script(first, new ScriptedResponse(503));
        await h.Notifier.DeliverAsync(policyA, Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]), default);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        var report = await h.Notifier.DeliverAsync(policyB, Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]), default);

        Assert.True(Assert.Single(report.Results).Succeeded);
        Assert.Equal("policy-a", Assert.Single(h.Ledger.Pending).Policy);
        Assert.Single(h.Server.RequestsTo(second));
        Assert.Single(h.Server.RequestsTo(first));
    }

    [Fact]
    public async Task DeliverAsync_PendingStillFailing_StaysPendingWithMoreAttempts()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 1 });
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly());
        h.Server.Script(path, new ScriptedResponse(503), new ScriptedResponse(503));
        await h.Notifier.DeliverAsync(policy, Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]), default);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Notifier.DeliverAsync(policy, Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]), default);

        Assert.Equal(2, h.Server.RequestsTo(path).Count);
        Assert.Equal(2, Assert.Single(h.Ledger.Pending).Attempts);
    }

    [Fact]
    public async Task DeliverAsync_PendingOlderThanMaxAge_IsDroppedNotSent()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 1, PendingMaxAge = TimeSpan.FromHours(1) });
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly());
        h.Server.Script(path, new ScriptedResponse(503));
        await h.Notifier.DeliverAsync(policy, Samples.Batch([Samples.Alert(AlertKind.GuardFailure)]), default);

        h.Time.Advance(TimeSpan.FromHours(2));
        var report = await h.Notifier.DeliverAsync(policy, Samples.Batch(), default);

        Assert.Single(h.Server.RequestsTo(path));
        Assert.Empty(h.Ledger.Pending);
        Assert.Contains("dropped", Assert.Single(report.Results).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_SameAlertWithinDedupWindow_IsNotResent()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly() with { DedupWindow = TimeSpan.FromHours(6) });
        var batch = Samples.Batch([Samples.Alert(AlertKind.ExemptionInvalid, AlertSeverity.Warning, Samples.Instance())]);
        await h.Notifier.DeliverAsync(policy, batch, default);

        h.Time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var report = await h.Notifier.DeliverAsync(policy, batch, default);

        Assert.Empty(report.Results);
        Assert.Single(h.Server.RequestsTo(path));
    }

    [Fact]
    public async Task DeliverAsync_SameAlertAfterDedupWindow_IsSentAgain()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly() with { DedupWindow = TimeSpan.FromHours(6) });
        var batch = Samples.Batch([Samples.Alert(AlertKind.ExemptionInvalid, AlertSeverity.Warning, Samples.Instance())]);
        await h.Notifier.DeliverAsync(policy, batch, default);

        h.Time.Advance(TimeSpan.FromHours(6));
        var report = await h.Notifier.DeliverAsync(policy, batch, default);

        Assert.True(Assert.Single(report.Results).Succeeded);
        Assert.Equal(2, h.Server.RequestsTo(path).Count);
    }

    [Fact]
    public async Task DeliverAsync_DedupWithinWindow_OnlyNewAlertsGoIntoTheNextMessage()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        var policy = Samples.Policy(Samples.SlackOnly());
        var first = Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: "i-first"));
        var second = Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: "i-second"));
        await h.Notifier.DeliverAsync(policy, Samples.Batch(actions: [first]), default);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Notifier.DeliverAsync(policy, Samples.Batch(actions: [first, second]), default);

        var last = h.Server.RequestsTo(path)[^1].Body;
        Assert.Contains("i-second", last, StringComparison.Ordinal);
        Assert.DoesNotContain("i-first", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_ActionsNotApplied_AreNotAnnounced()
    {
        await using var h = new NotifierHarness();
        var path = h.SlackWebhook(SlackSetting);
        var instance = Samples.Instance();

        var report = await h.Notifier.DeliverAsync(
            Samples.Policy(Samples.SlackOnly()),
            Samples.Batch(actions:
            [
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance, ActionStatus.Failed),
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance, ActionStatus.AlreadyDone),
                Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance, ActionStatus.Skipped),
            ]),
            default);

        Assert.Empty(report.Results);
        Assert.Empty(h.Server.RequestsTo(path));
    }

    [Fact]
    public async Task DeliverAsync_SettingNotSet_ReportsSettingNameAndKeepsPending()
    {
        await using var h = new NotifierHarness();

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly("MISSING_SETTING")), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        var result = Assert.Single(report.Results);
        Assert.False(result.Succeeded);
        Assert.Contains("MISSING_SETTING", result.Error, StringComparison.Ordinal);
        Assert.Single(h.Ledger.Pending);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task DeliverAsync_LedgerDown_StillDeliversAndDoesNotThrow()
    {
        await using var h = new NotifierHarness(ledger: new BrokenAlertLedger());
        var path = h.SlackWebhook(SlackSetting);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.True(report.AllSucceeded);
        Assert.Single(h.Server.RequestsTo(path));
    }

    [Fact]
    public async Task DeliverAsync_NoAlertsSection_SendsNothing()
    {
        await using var h = new NotifierHarness();

        var report = await h.Notifier.DeliverAsync(Samples.Policy(alerts: null), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.Empty(report.Results);
        Assert.Empty(h.Server.Requests);
    }
}
