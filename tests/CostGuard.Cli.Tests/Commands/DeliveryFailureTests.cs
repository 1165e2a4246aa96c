using System.Text.Json;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Aws.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>
/// A failed alert delivery is never silent: <c>enforce</c> names each failed one (channel, route, HTTP status, never
/// the URL) on stderr, in <c>--json</c> problems and in its <c>deliveries</c> section, and the notifier logs to stderr.
/// </summary>
public sealed class DeliveryFailureTests : IAsyncLifetime
{
    private const string Token = "deliverySECRETtoken42";
    private const string SlackPath = "/services/T1/B1/" + Token;
    private const string TeamsPath = "/workflows/flow/triggers/manual/paths/invoke?sig=" + Token;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-delivery-" + Guid.NewGuid().ToString("N"));
    private readonly RetryClock _time = new(FleetFixture.Now);
    private FakeAwsCloud _cloud = null!;
    private FakeAwsServer _aws = null!;
    private LoopbackWebhookServer _hooks = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(PolicyFile, FleetFixture.PolicyJson.Replace(
            "\"exemptions\":",
            "\"alerts\": { \"slack\": { \"webhookUrlSetting\": \"COSTGUARD_SLACK_WEBHOOK_URL\" }, \"teams\": { \"webhookUrlSetting\": \"COSTGUARD_TEAMS_WEBHOOK_URL\" } },\n  \"exemptions\":",
            StringComparison.Ordinal));
        _cloud = new FakeAwsCloud(() => _time.GetUtcNow());
        FleetFixture.Build(_cloud);
        _aws = new FakeAwsServer(_cloud);
        _hooks = LoopbackWebhookServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _aws.DisposeAsync();
        await _hooks.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Enforce_Slack403AndTeams500_ReportsEachFailedDeliveryWithoutTheUrl()
    {
        _hooks.Script(SlackPath, new ScriptedResponse(403, "invalid_token"));
        _hooks.Script(TeamsPath, Enumerable.Repeat(new ScriptedResponse(500, "Internal Server Error"), 10).ToArray());

        var (exit, stdout, stderr) = await RunAsync("enforce", "--policy", PolicyFile, "--state", Path.Combine(_directory, "state.db"), "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var problems = root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("alert delivery to slack route default failed (HTTP 403)", StringComparison.Ordinal) && p.Contains("invalid_token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("alert delivery to teams route default failed (HTTP 500)", StringComparison.Ordinal));
        var deliveries = root.GetProperty("deliveries").EnumerateArray()
            .ToDictionary(d => d.GetProperty("channel").GetString()!, d => (Ok: d.GetProperty("succeeded").GetBoolean(), Status: d.GetProperty("status").GetInt32(), Route: d.GetProperty("route").GetString()));
        Assert.Equal((false, 403, "default"), deliveries["slack"]);
        Assert.Equal((false, 500, "default"), deliveries["teams"]);
        Assert.Contains("alert delivery slack/default: FAILED (HTTP 403)", stderr, StringComparison.Ordinal);
        Assert.Contains("alert delivery teams/default: FAILED (HTTP 500)", stderr, StringComparison.Ordinal);

        // The notifier's own log reaches stderr too: the retries of the 500 and the final failures.
        Assert.Contains("warning: Alert delivery to default/teams failed (HTTP 500", stderr, StringComparison.Ordinal);
        Assert.Contains("error: Alert delivery to default/slack failed after 1 attempt(s): HTTP 403 invalid_token", stderr, StringComparison.Ordinal);
        Assert.Equal(4, _hooks.RequestsTo(TeamsPath).Count);
        foreach (var text in new[] { stdout, stderr })
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_hooks.BaseUrl, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Enforce_DeliveriesSucceed_JsonListsThemAndNoProblem()
    {
        var (exit, stdout, stderr) = await RunAsync("enforce", "--policy", PolicyFile, "--state", Path.Combine(_directory, "state.db"), "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Empty(doc.RootElement.GetProperty("problems").EnumerateArray());
        var deliveries = doc.RootElement.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(d.GetProperty("succeeded").GetBoolean()));
        Assert.Contains("alert delivery slack/default: ok", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _aws.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
            ["COSTGUARD_SLACK_WEBHOOK_URL"] = _hooks.BaseUrl + SlackPath,
            ["COSTGUARD_TEAMS_WEBHOOK_URL"] = _hooks.BaseUrl + TeamsPath,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, _time, name => variables.GetValueOrDefault(name));
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
