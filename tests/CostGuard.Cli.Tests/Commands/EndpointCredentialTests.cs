using System.Text.Json;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Aws.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>
/// An endpoint setting may carry credentials (<c>user:password@</c>). A malformed one fails start-up naming the setting,
/// and the password never reaches stderr, <c>--json</c>, the audit log or chat.
/// </summary>
public sealed class EndpointCredentialTests : IAsyncLifetime
{
    private const string Password = "S3cr3tPa55w0rd";
    private const string SlackPath = "/services/T1/B1/endpointtests";
    private const string Azure = "00000000-0000-0000-0000-0000000000aa";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-endpoint-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FleetFixture.Now);
    private FakeAwsCloud _cloud = null!;
    private FakeAwsServer _aws = null!;
    private LoopbackWebhookServer _slack = null!;

    private string AwsPolicy => Path.Combine(_directory, "aws.json");

    private string AzurePolicy => Path.Combine(_directory, "azure.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // One cloud per policy: a run never reaches for a real cloud it is not testing.
        File.WriteAllText(AwsPolicy, Policy($$"""{ "cloud": "aws", "id": "{{FleetFixture.A}}", "regions": ["us-east-1"], "roleArn": "arn:aws:iam::{{FleetFixture.A}}:role/CostGuardReadStop" }"""));
        File.WriteAllText(AzurePolicy, Policy($$"""{ "cloud": "azure", "id": "{{Azure}}" }"""));
        _cloud = new FakeAwsCloud(() => _time.GetUtcNow());
        FleetFixture.Build(_cloud);
        _aws = new FakeAwsServer(_cloud);
        _slack = LoopbackWebhookServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _aws.DisposeAsync();
        await _slack.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string, string> BadSettings() => new()
    {
        { "AWS_ENDPOINT_URL_EC2", $"ftp://ops:{Password}@ec2.internal.example/" },
        { "COSTGUARD_AZURE_ARM_ENDPOINT", $"http://ops:{Password}@arm.internal.example" },
        { "COSTGUARD_AZURE_LOGS_ENDPOINT", $"ftp://ops:{Password}@logs.internal.example" },
        { "COSTGUARD_AZURE_METRICS_ENDPOINT", $"ftp://ops:p@ss:{Password}@{{region}}.metrics.example" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Enforce_EndpointSettingWithCredentials_RejectedAtStartWithoutEchoingThePassword(string setting, string value)
    {
        var (exit, stdout, stderr) = await RunAsync(new() { [setting] = value }, "enforce", "--policy", setting.StartsWith("AWS", StringComparison.Ordinal) ? AwsPolicy : AzurePolicy, "--state", StateFile, "--json");
        var (_, audit, _) = await RunAsync([], "audit", "--state", StateFile, "--json");
        var posted = string.Join('\n', _slack.RequestsTo(SlackPath).Select(r => r.Body));

        // Validated at start like every setting: nothing is read, acted on, audited or posted with a bad endpoint.
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(stdout);
        Assert.Contains(setting, stderr, StringComparison.Ordinal);
        Assert.Contains("[redacted]@", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was read or acted on", stderr, StringComparison.Ordinal);
        Assert.Empty(_aws.Requests);
        Assert.Equal("[]", audit.Trim());
        foreach (var (where, text) in new[] { ("stdout", stdout), ("stderr", stderr), ("audit", audit), ("alert", posted) })
        {
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"the password reached {where}: {text}");
        }
    }

    private static string Policy(string account) => $$"""
        {
          "name": "endpoint-secrets",
          "mode": "enforce",
          "accounts": [{{account}}],
          "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
          "alerts": { "slack": { "webhookUrlSetting": "COSTGUARD_SLACK_WEBHOOK_URL" } }
        }
        """;

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> extra, params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _aws.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
            ["COSTGUARD_SLACK_WEBHOOK_URL"] = _slack.BaseUrl + SlackPath,
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, _time, name => variables.GetValueOrDefault(name));
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
