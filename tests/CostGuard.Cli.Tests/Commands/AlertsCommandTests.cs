using System.Text.Json;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Cli;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Tests.Commands;

public sealed class AlertsCommandTests : IAsyncLifetime, IDisposable
{
    private const string Token = "cliSECRETtoken0123456789";
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("costguard-alerts-cli-").FullName;
    private LoopbackWebhookServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LoopbackWebhookServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AlertsTest_EveryDestinationAccepts_ExitsZeroAndPrintsNothingOnStdout()
    {
        var slack = Webhook("COSTGUARD_SLACK_WEBHOOK_URL", "/services/T1/B1/" + Token);
        var teams = Webhook("COSTGUARD_TEAMS_WEBHOOK_URL", "/workflows/abc/triggers/manual/paths/invoke?sig=" + Token);
        var policy = Policy("""{ "slack": { "webhookUrlSetting": "COSTGUARD_SLACK_WEBHOOK_URL" }, "teams": { "webhookUrlSetting": "COSTGUARD_TEAMS_WEBHOOK_URL" } }""");

        var exit = await RunAsync("alerts", "test", "--policy", policy);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, _out.ToString());
        Assert.Contains("ok      default/slack", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok      default/teams", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("CostGuard test alert", Assert.Single(_server.RequestsTo(slack)).Body, StringComparison.Ordinal);
        Assert.Contains("AdaptiveCard", Assert.Single(_server.RequestsTo(teams)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsTest_ShippedRoutingPolicy_EveryRouteAndChannelGetsOneSample()
    {
        var paths = new[]
        {
            Webhook("COSTGUARD_TEAMS_RESEARCH_WEBHOOK_URL", "/workflows/research/triggers/manual/paths/invoke?sig=" + Token),
            Webhook("COSTGUARD_SLACK_LLM_WEBHOOK_URL", "/services/T1/BLLM/" + Token),
            Webhook("COSTGUARD_SLACK_WEBHOOK_URL", "/services/T1/BDEFAULT/" + Token),
            Webhook("COSTGUARD_TEAMS_WEBHOOK_URL", "/workflows/default/triggers/manual/paths/invoke?sig=" + Token),
        };

        var exit = await RunAsync("alerts", "test", "--policy", RepositoryRoot.Combine("policies", "finops-routing.json"), "--json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.All(paths, p => Assert.Single(_server.RequestsTo(p)));
        using var json = JsonDocument.Parse(_out.ToString());
        Assert.Equal(
            ["research/teams", "llm-critical/slack", "default/slack", "default/teams"],
            json.RootElement.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("route").GetString()}/{r.GetProperty("channel").GetString()}"));
    }

    [Fact]
    public async Task AlertsTest_OneRouteRejected_ExitsOneAndSaysWhichWithoutTheUrl()
    {
        Webhook("COSTGUARD_SLACK_WEBHOOK_URL", "/services/T1/B1/" + Token);
        var ml = Webhook("SLACK_ML", "/services/T1/BML/" + Token + "ml");
        _server.Script(ml, new ScriptedResponse(403, "invalid_token"));
        var policy = Policy("""
            { "slack": { "webhookUrlSetting": "COSTGUARD_SLACK_WEBHOOK_URL" },
              "routes": [ { "name": "ml", "tags": { "team": "ml" }, "slack": { "webhookUrlSetting": "SLACK_ML" } } ] }
            """);

        var exit = await RunAsync("alerts", "test", "--policy", policy, "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("FAILED  ml/slack: HTTP 403 invalid_token", _error.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(_out.ToString());
        Assert.False(json.RootElement.GetProperty("allSucceeded").GetBoolean());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["ml:False", "default:True"], results.Select(r => $"{r.GetProperty("route").GetString()}:{r.GetProperty("succeeded").GetBoolean()}"));
        Assert.DoesNotContain(Token, _out.ToString() + _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsTest_SettingNotSet_FailsNamingTheSetting()
    {
        var policy = Policy("""{ "slack": { "webhookUrlSetting": "NOT_SET_ANYWHERE" } }""");

        var exit = await RunAsync("alerts", "test", "--policy", policy);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("setting NOT_SET_ANYWHERE is not set", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task AlertsTest_UrlInlinedInPolicy_InvalidInputWithoutEchoingIt()
    {
        var policy = Policy($$"""{ "slack": { "webhookUrlSetting": "https://hooks.slack.com/services/T1/B1/{{Token}}" } }""");

        var exit = await RunAsync("alerts", "test", "--policy", policy);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("$.alerts.slack.webhookUrlSetting: a Slack incoming-webhook URL (redacted) is not allowed", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task AlertsTest_NoDestinations_InvalidInput()
    {
        var exit = await RunAsync("alerts", "test", "--policy", Policy(alerts: null));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("configures no alert destination", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsTest_PolicyFileMissing_InvalidInputNamingTheFile()
    {
        var exit = await RunAsync("alerts", "test", "--policy", Path.Combine(_dir, "nope.json"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("nope.json: $: cannot read the policy file", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsTest_PolicyNotJson_InvalidInputWithLine()
    {
        var path = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"name\": \"x\",\n  oops\n}");

        var exit = await RunAsync("alerts", "test", "--policy", path);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("broken.json:3:", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid JSON", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsTest_MissingPolicyOption_UsageError()
    {
        var exit = await RunAsync("alerts", "test");

        Assert.Equal(ExitCodes.UsageError, exit);
    }

    private string Webhook(string setting, string pathAndQuery)
    {
        _variables[setting] = _server.BaseUrl + pathAndQuery;
        return pathAndQuery;
    }

    private string Policy(string? alerts)
    {
        var path = Path.Combine(_dir, $"policy-{Guid.NewGuid():N}.json");
        var alertsPart = alerts is null ? string.Empty : $""", "alerts": {alerts}""";
        File.WriteAllText(path, $$"""
            // a policy for the alerts test
            { "name": "gpu-guard", "mode": "enforce",
              "exemptions": { "tag": "costguard:exempt-until", "maxDuration": "P14D" }{{alertsPart}} }
            """);
        return path;
    }

    private Task<int> RunAsync(params string[] args) =>
        CostGuardCli.RunAsync(args, new CliEnvironment(_out, _error, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)), name => _variables.TryGetValue(name, out var v) ? v : null));
}
