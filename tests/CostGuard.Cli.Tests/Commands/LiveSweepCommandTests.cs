using System.Text.Json;
using CostGuard.Aws.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>`plan`, `enforce` and `audit` in-process against the fake AWS, pointed at it through AWS_ENDPOINT_URL.</summary>
public sealed class LiveSweepCommandTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-cli-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FleetFixture.Now);
    private FakeAwsCloud _cloud = null!;
    private FakeAwsServer _server = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(PolicyFile, FleetFixture.PolicyJson);
        _cloud = new FakeAwsCloud(() => _time.GetUtcNow());
        FleetFixture.Build(_cloud);
        _server = new FakeAwsServer(_cloud);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Plan_LiveAgainstFakeAws_ListsTheExpectedDecisionsAndChangesNothing()
    {
        var (exit, stdout, stderr) = await RunAsync("plan", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("fleet-fixture", root.GetProperty("policy").GetString());
        Assert.False(root.GetProperty("acted").GetBoolean());
        var decisions = root.GetProperty("actions").EnumerateArray()
            .Select(a => $"{a.GetProperty("action").GetString()} {a.GetProperty("reason").GetString()} {a.GetProperty("instance").GetString()}")
            .Order().ToList();
        Assert.Equal(FleetFixture.ExpectedDecisions, decisions);
        Assert.All(root.GetProperty("actions").EnumerateArray(), a => Assert.Equal("planned", a.GetProperty("outcome").GetString()));
        Assert.Equal(6, root.GetProperty("requests").GetProperty("ec2:DescribeInstances").GetInt32());
        Assert.Equal(1, root.GetProperty("requests").GetProperty("ce:GetCostAndUsage").GetInt32());
        var b = root.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == FleetFixture.B);
        Assert.Equal(2, b.GetProperty("gpuInstances").GetInt32());
        Assert.Equal("2026-01-13T00:00:00Z", b.GetProperty("spendAsOf").GetString());
        Assert.Equal("running", _cloud.Get("i-a2-idle").State);
        Assert.Equal(0, _server.Count("StopInstances") + _server.Count("CreateTags"));
        Assert.Contains("month-to-date GPU spend", stderr, StringComparison.Ordinal);
        Assert.Contains("missing metrics", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TwiceWithinTheHour_SecondRunMakesNoCostExplorerRequest()
    {
        await RunAsync("plan", "--policy", PolicyFile, "--state", StateFile);
        _time.Advance(TimeSpan.FromMinutes(30));
        var (exit, stdout, stderr) = await RunAsync("plan", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("requests").TryGetProperty("ce:GetCostAndUsage", out _));
        Assert.Equal(1, _server.Count("GetCostAndUsage"));
    }

    [Fact]
    public async Task EnforceThenAudit_AppliesDecisionsAndListsThem()
    {
        var (exit, stdout, stderr) = await RunAsync("enforce", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.True(exit == ExitCodes.Success, stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.All(doc.RootElement.GetProperty("actions").EnumerateArray(), a => Assert.Equal("applied", a.GetProperty("outcome").GetString()));
        }

        Assert.Equal("stopping", _cloud.Get("i-a2-idle").State);
        Assert.Equal("stopping", _cloud.Get("i-b1-busy").State);

        var (auditExit, auditOut, _) = await RunAsync("audit", "--state", StateFile, "--json", "--since", "2026-01-15T12:00:00Z");
        Assert.Equal(ExitCodes.Success, auditExit);
        using var audit = JsonDocument.Parse(auditOut);
        var stops = audit.RootElement.EnumerateArray().Where(r => r.GetProperty("action").GetString() == "stop").ToList();

        // Intent first, outcome after, one each per stopped instance, both under the action's id.
        var intents = stops.Where(r => r.GetProperty("kind").GetString() == "intent").ToList();
        var outcomes = stops.Where(r => r.GetProperty("kind").GetString() == "outcome").ToList();
        Assert.Equal(5, intents.Count);
        Assert.All(intents, r => Assert.True(r.GetProperty("outcomeRecorded").GetBoolean()));
        Assert.Equal(intents.Select(r => r.GetProperty("actionId").GetString()).Order(), outcomes.Select(r => r.GetProperty("actionId").GetString()).Order());
        Assert.All(outcomes, r => Assert.Equal(("enforce", "applied"), (r.GetProperty("mode").GetString(), r.GetProperty("outcome").GetString())));
    }

    [Fact]
    public async Task Enforce_RegionDown_ExitsFailureAndReportsTheAccount()
    {
        _server.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + FleetFixture.C, FakeAwsCloud.Ec2Error(500, "InternalError", "An internal error has occurred."), times: 100);

        var (exit, stdout, _) = await RunAsync("enforce", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Contains(doc.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith($"aws {FleetFixture.C}: ", StringComparison.Ordinal));
        Assert.Contains(doc.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "guard-failure");
        Assert.Equal("running", _cloud.Get("i-c2-orphan").State);
        Assert.Equal("stopping", _cloud.Get("i-a2-idle").State);
    }

    [Fact]
    public async Task Enforce_MissingPolicyFile_InvalidInput()
    {
        var (exit, stdout, stderr) = await RunAsync("enforce", "--policy", Path.Combine(_directory, "nope.json"), "--state", StateFile);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(stdout);
        Assert.Contains("nope.json", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _server.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, _time, name => variables.GetValueOrDefault(name));
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
