using System.Text.Json;
using CostGuard.Aws.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>`costguard event` in-process against the loopback AWS fake, with the SQLite ledger in a temp state file.</summary>
public sealed class EventCommandTests : IAsyncLifetime
{
    private const string Account = "111111111111";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-event-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FleetFixture.Now);
    private FakeAwsCloud _cloud = null!;
    private FakeAwsServer _server = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(PolicyFile, """
            {
              "name": "launch-guard",
              "mode": "enforce",
              "accounts": [ { "cloud": "aws", "id": "111111111111", "regions": ["us-east-1"] } ],
              "spendCap": { "maxHourlyBurnUsd": 400 },
              "orphans": { "requiredTags": ["owner"] }
            }
            """);
        _cloud = new FakeAwsCloud(() => _time.GetUtcNow()) { BaseAccount = Account };
        _server = new FakeAwsServer(_cloud);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Event_LaunchThatFits_AllowedWithOneDescribeAndNoAction()
    {
        await SweepAsync();
        Launch("i-00000000000000001", "p4d.24xlarge");
        var describesBefore = _server.Count("DescribeInstances");

        var (exit, stdout, stderr) = await RunAsync("event", "--policy", PolicyFile, "--state", StateFile, "--json", EventFile("i-00000000000000001"));

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("allowed", root.GetProperty("decision").GetString());
        Assert.Equal("within-cap", root.GetProperty("reason").GetString());
        Assert.Equal(0m, root.GetProperty("burnBeforeUsdPerHour").GetDecimal());
        Assert.Equal(21.96m, root.GetProperty("burnAfterUsdPerHour").GetDecimal());
        Assert.Equal("i-00000000000000001", root.GetProperty("event").GetProperty("instanceId").GetString());
        Assert.Equal(1, _server.Count("DescribeInstances") - describesBefore);
        Assert.Equal(0, _server.Count("StopInstances") + _server.Count("CreateTags"));
    }

    [Fact]
    public async Task Event_ThirtyConcurrentRunsOnOneStateFile_ExactlyEighteenKeepRunning()
    {
        await SweepAsync();
        var ids = Enumerable.Range(1, 30).Select(i => $"i-{i:x17}").ToList();
        var files = ids.Select(id =>
        {
            Launch(id, "p4d.24xlarge");
            return EventFile(id);
        }).ToList();

        // Each run opens its own connections to the state file, as separate processes do.
        var runs = await Task.WhenAll(files.Select(file => Task.Run(() => RunAsync("event", "--policy", PolicyFile, "--state", StateFile, "--json", file))));

        Assert.All(runs, r => Assert.True(r.Exit == ExitCodes.Success, r.Stderr));
        var decisions = runs.Select(r => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("decision").GetString()).ToList();

        // $21.96/h each: 18 make $395.28/h; a 19th would make $417.24/h.
        Assert.Equal(18, decisions.Count(d => d == "allowed"));
        Assert.Equal(12, decisions.Count(d => d == "stopped"));
        Assert.Equal(12, _cloud.Instances.Count(i => i.State is "stopping" or "stopped"));
        Assert.Equal(12, _server.Count("StopInstances"));
    }

    [Fact]
    public async Task Event_ReplayedTwice_SecondChangesNothing()
    {
        await SweepAsync();
        Launch("i-00000000000000001", "p4d.24xlarge");
        var file = EventFile("i-00000000000000001");
        await RunAsync("event", "--policy", PolicyFile, "--state", StateFile, file);

        var (exit, stdout, _) = await RunAsync("event", "--policy", PolicyFile, "--state", StateFile, "--json", file);

        Assert.Equal(ExitCodes.Success, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("ignored", doc.RootElement.GetProperty("decision").GetString());
        Assert.Equal("already-decided", doc.RootElement.GetProperty("reason").GetString());
        Assert.Equal(21.96m, doc.RootElement.GetProperty("burnAfterUsdPerHour").GetDecimal());
    }

    [Fact]
    public async Task Event_UntaggedLaunch_MarkedAsOrphanAtOnce()
    {
        await SweepAsync();
        Launch("i-00000000000000001", "g5.xlarge", tagged: false);

        var (exit, stdout, stderr) = await RunAsync("event", "--policy", PolicyFile, "--state", StateFile, "--json", EventFile("i-00000000000000001"));

        Assert.True(exit == ExitCodes.Success, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("marked", doc.RootElement.GetProperty("decision").GetString());
        Assert.Equal("2026-01-15T12:02:00Z", _cloud.Get("i-00000000000000001").Tags["costguard:orphan"]);
    }

    [Theory]
    [InlineData("{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\"", "body")]
    [InlineData("{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\", \"account\": \"111111111111\", \"region\": \"us-east-1\", \"detail\": {\"state\": \"running\"}}", "detail.instance-id")]
    public async Task Event_MalformedPayload_ExitsInvalidInputNamingTheField(string body, string field)
    {
        var file = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(file, body);

        var (exit, stdout, stderr) = await RunAsync("event", "--policy", PolicyFile, "--state", StateFile, "--json", file);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(stdout);
        Assert.Contains($": {field}: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_PayloadFromStdin_IsRead()
    {
        await SweepAsync();
        Launch("i-00000000000000001", "p4d.24xlarge");
        using var stdin = new StringReader(Body("i-00000000000000001"));

        var (exit, stdout, stderr) = await RunAsync(stdin, "event", "--policy", PolicyFile, "--state", StateFile, "--json", "-");

        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.Contains("\"allowed\"", stdout, StringComparison.Ordinal);
    }

    private async Task SweepAsync()
    {
        var (exit, _, stderr) = await RunAsync("enforce", "--policy", PolicyFile, "--state", StateFile);
        Assert.True(exit == ExitCodes.Success, stderr);
    }

    private void Launch(string id, string type, bool tagged = true) => _cloud.Add(new FakeInstance
    {
        Id = id,
        Account = Account,
        Region = "us-east-1",
        Type = type,
        LaunchTime = FleetFixture.Now.AddMinutes(-1),
        Tags = tagged ? new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "ada" } : new Dictionary<string, string>(StringComparer.Ordinal),
    });

    private string EventFile(string id)
    {
        var file = Path.Combine(_directory, id + ".json");
        File.WriteAllText(file, Body(id));
        return file;
    }

    private static string Body(string id) => $$"""
        { "version": "0", "id": "e-{{id}}", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
          "account": "111111111111", "time": "2026-01-15T12:01:30Z", "region": "us-east-1", "resources": [],
          "detail": { "instance-id": "{{id}}", "state": "running" } }
        """;

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(TextReader.Null, args);

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TextReader stdin, params string[] args)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = _server.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new CliEnvironment(stdout, stderr, _time, name => variables.GetValueOrDefault(name)) { In = stdin };
        var exit = await CostGuardCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
