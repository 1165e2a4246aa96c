using System.Text.Json;
using Azure.Core.Pipeline;
using CostGuard.Aws.Testing;
using CostGuard.Azure;
using CostGuard.Azure.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>`plan` in-process for a policy over AWS accounts and Azure subscriptions, against both fakes: one report.</summary>
public sealed class MixedCloudPlanTests : IAsyncLifetime
{
    private const string MixedPolicyJson = $$"""
        {
          "name": "mixed-fixture",
          "mode": "enforce",
          "accounts": [
            { "cloud": "aws", "id": "111111111111", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::111111111111:role/CostGuardReadStop" },
            { "cloud": "aws", "id": "222222222222", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::222222222222:role/CostGuardReadStop" },
            { "cloud": "aws", "id": "333333333333", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::333333333333:role/CostGuardReadStop" },
            {{AzureFleetFixture.AccountsJson}}
          ],
          "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
          "orphans": { "requiredTags": ["owner"], "stopAfter": "P1D" },
          "exemptions": { "tag": "costguard:exempt-until" },
          "spendCap": { "perAccount": { "222222222222": { "monthlyUsd": 1000 } } }
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-mixed-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FleetFixture.Now);
    private readonly FakeAzureCloud _azure = new();
    private FakeAwsServer _aws = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(PolicyFile, MixedPolicyJson);
        var awsCloud = new FakeAwsCloud(() => _time.GetUtcNow());
        FleetFixture.Build(awsCloud);
        _aws = new FakeAwsServer(awsCloud);
        AzureFleetFixture.Build(_azure, FleetFixture.Now);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _aws.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Plan_MixedAwsAzurePolicy_OneReportWithBothCloudsDecisions()
    {
        var (exit, stdout, stderr) = await RunAsync("plan", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("mixed-fixture", root.GetProperty("policy").GetString());
        Assert.False(root.GetProperty("acted").GetBoolean());

        // Azure instances are resource ids: compare by VM name, in the fixtures' "action reason instance" form.
        var decisions = root.GetProperty("actions").EnumerateArray()
            .Select(a => (Cloud: a.GetProperty("cloud").GetString(), Text: $"{a.GetProperty("action").GetString()} {a.GetProperty("reason").GetString()} {a.GetProperty("instance").GetString()!.Split('/')[^1]}"))
            .ToList();
        Assert.Equal(FleetFixture.ExpectedDecisions, decisions.Where(d => d.Cloud == "aws").Select(d => d.Text).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(
            AzureFleetFixture.ExpectedDecisions.Select(d => d.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray(),
            decisions.Where(d => d.Cloud == "azure").Select(d => d.Text).Order(StringComparer.Ordinal).ToArray());
        Assert.All(root.GetProperty("actions").EnumerateArray(), a => Assert.Equal("planned", a.GetProperty("outcome").GetString()));

        var accounts = root.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(5, accounts.Count);
        Assert.All(accounts, a => Assert.True(a.GetProperty("complete").GetBoolean()));
        Assert.Equal(2, accounts.Count(a => a.GetProperty("cloud").GetString() == "azure"));

        var requests = root.GetProperty("requests");
        Assert.True(requests.GetProperty("ec2:DescribeInstances").GetInt32() > 0);
        Assert.Equal(2, requests.GetProperty("azure-arm:listVirtualMachines").GetInt32());
        Assert.Equal(1, requests.GetProperty("azure-loganalytics:query").GetInt32());
        Assert.Equal(2, requests.GetProperty("azure-costmanagement:query").GetInt32());

        // A plan changes nothing in either cloud.
        Assert.Equal("running", _azure.Vm("a-idle").PowerState);
        Assert.Equal(0, _azure.Count("POST", "/deallocate") + _azure.Count("PATCH", "/virtualMachines/"));
        Assert.Equal(0, _aws.Count("StopInstances") + _aws.Count("CreateTags"));
    }

    [Fact]
    public async Task Enforce_MixedAwsAzurePolicy_AppliesInBothClouds()
    {
        var (exit, stdout, stderr) = await RunAsync("enforce", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.All(doc.RootElement.GetProperty("actions").EnumerateArray(), a => Assert.Equal("applied", a.GetProperty("outcome").GetString()));
        Assert.Equal("deallocated", _azure.Vm("a-idle").PowerState);
        Assert.Equal("deallocated", _azure.Vm("b-nometrics").PowerState);
        Assert.Equal("running", _azure.Vm("a-busy").PowerState);
        Assert.True(_azure.Vm("a-orphan").Tags.ContainsKey("costguard:orphan"));
        Assert.Equal("stopping", _aws.Cloud.Get("i-a2-idle").State);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _aws.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
            [AzureEndpoints.ArmSetting] = FakeAzureCloud.Host,
            [AzureEndpoints.MetricsSetting] = FakeAzureCloud.Host + "/metrics/{region}",
            [AzureEndpoints.LogsSetting] = FakeAzureCloud.Host + "/logs",
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // The Azure adapter polls its deallocations on this clock: waits are skipped, never slept.
        var env = new CliEnvironment(stdout, stderr, new WaitSkippingTime(_time), name => variables.GetValueOrDefault(name))
        {
            ConfigureAzure = options => options with
            {
                Credential = new FakeTokenCredential(),
                Transport = new HttpClientTransport(new HttpClient(_azure)),
            },
        };
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
