using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Alerts.Tests;

/// <summary>Webhook URLs are secrets: they must never reach logs, errors, pending deliveries or the report.</summary>
public sealed class SecretLeakTests
{
    [Fact]
    public async Task DeliverAsync_EveryKindOfFailure_NoUrlInLogsErrorsOrPending()
    {
        await using var h = new NotifierHarness(new AlertNotifierOptions { MaxAttempts = 2 });
        using var dead = new ResettingEndpoint();
        var echo = h.SlackWebhook("SLACK_ECHO", "BECHO");
        var flaky = h.TeamsWebhook("TEAMS_FLAKY", "flaky");
        h.Set("SLACK_DEAD", $"http://127.0.0.1:{dead.Port}/services/T1/B1/{NotifierHarness.SlackToken}dead");
        h.Set("SLACK_GARBAGE", $"not a url {NotifierHarness.SlackToken}garbage");
        // Receivers that echo the URL back in their error body must not smuggle it into the report either.
        h.Server.Script(echo, new ScriptedResponse(400, $"invalid_payload at {h.Server.BaseUrl}{echo}"));
        h.Server.Script(flaky, new ScriptedResponse(500, $"error for {flaky}"), new ScriptedResponse(502, flaky));
        var alerts = new AlertsConfig
        {
            Routes =
            [
                new AlertRoute { Name = "echo", Accounts = [Samples.AwsAccount], Slack = new WebhookTarget { WebhookUrlSetting = "SLACK_ECHO" }, Teams = new WebhookTarget { WebhookUrlSetting = "TEAMS_FLAKY" } },
            ],
            Slack = new WebhookTarget { WebhookUrlSetting = "SLACK_DEAD" },
            Teams = new WebhookTarget { WebhookUrlSetting = "SLACK_GARBAGE" },
        };
        var batch = Samples.Batch(
            [Samples.Alert(AlertKind.CapBreach), Samples.Alert(AlertKind.GuardFailure, account: Samples.OtherAwsAccount)],
            [Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance())]);

        var report = await h.Notifier.DeliverAsync(Samples.Policy(alerts), batch, default);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await h.Notifier.DeliverAsync(Samples.Policy(alerts), batch, default);

        Assert.Equal(4, report.Results.Count);
        Assert.All(report.Results, r => Assert.False(r.Succeeded));
        Assert.All(report.Results, r => Assert.False(string.IsNullOrEmpty(r.Error)));
        var everything = string.Join('\n',
            h.Logs.AllText,
            string.Join('\n', report.Results.Concat(second.Results).Select(r => r.ToString())),
            string.Join('\n', h.Ledger.Pending.Select(p => $"{p} {p.LastError} {p.PayloadJson}")));
        Assert.NotEmpty(h.Logs.Lines);
        h.AssertNoSecretIn(everything);
    }

    [Fact]
    public async Task DeliverAsync_ExceptionQuotingTheUrl_IsRedactedInReportAndLogs()
    {
        var logs = new CapturingLoggerProvider();
        var handler = new ThrowingHandler();
        using var http = new HttpClient(handler);
        var url = $"https://hooks.slack.com/services/T00000000/B00000000/{NotifierHarness.SlackToken}";
        var notifier = new AlertNotifier(
            http,
            new InMemoryAlertLedger(),
            new EnvironmentWebhookSettingResolver(_ => url),
            new RetryClock(Samples.Now),
            new AlertNotifierOptions { MaxAttempts = 2 },
            logs.CreateLogger<AlertNotifier>());

        var report = await notifier.DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        var result = Assert.Single(report.Results);
        Assert.Equal(2, handler.Calls);
        Assert.Contains("SSL connection could not be established", result.Error, StringComparison.Ordinal);
        var text = result.Error + logs.AllText;
        Assert.DoesNotContain(NotifierHarness.SlackToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/T00000000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCostGuardAlerts_HttpClientRequestLogging_DoesNotLogTheUrl()
    {
        await using var server = LoopbackWebhookServer.Start();
        var url = $"{server.BaseUrl}/services/T1/B1/{NotifierHarness.SlackToken}";
        var logs = new CapturingLoggerProvider();
        using var provider = Services(logs, url, s => s.AddCostGuardAlerts());

        var report = await provider.GetRequiredService<IAlertNotifier>()
            .DeliverAsync(Samples.Policy(Samples.SlackOnly()), Samples.Batch([Samples.Alert(AlertKind.BurnCap)]), default);

        Assert.True(report.AllSucceeded);
        Assert.Single(server.Requests);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(NotifierHarness.SlackToken, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapturingLogger_PlainHttpClientFactory_DoesSeeTheUrl()
    {
        // The control for the test above: the factory's default request logging does write the URL, and the capture sees it.
        await using var server = LoopbackWebhookServer.Start();
        var url = $"{server.BaseUrl}/services/T1/B1/{NotifierHarness.SlackToken}";
        var logs = new CapturingLoggerProvider();
        using var provider = Services(logs, url, s => s.AddHttpClient("plain"));

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("plain");
        using var response = await client.PostAsync(new Uri(url), new StringContent("{}"));

        Assert.Contains(NotifierHarness.SlackToken, logs.AllText, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(CapturingLoggerProvider logs, string url, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Samples.Now));
        services.AddSingleton<IAlertLedger, InMemoryAlertLedger>();
        services.AddSingleton<IWebhookSettingResolver>(new EnvironmentWebhookSettingResolver(_ => url));
        configure(services);
        return services.BuildServiceProvider();
    }
}
