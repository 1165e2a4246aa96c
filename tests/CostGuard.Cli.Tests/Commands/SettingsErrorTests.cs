using CostGuard.Aws.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Cli.Commands;

/// <summary>
/// A missing or malformed setting stops a verb before it reads or acts: exit 2 (invalid input), one line on stderr naming
/// the setting (or the option that set it), no stack trace, no cloud request, no state file created.
/// </summary>
public sealed class SettingsErrorTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-settings-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FleetFixture.Now);
    private FakeAwsServer _server = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(PolicyFile, FleetFixture.PolicyJson);
        var cloud = new FakeAwsCloud(() => _time.GetUtcNow());
        FleetFixture.Build(cloud);
        _server = new FakeAwsServer(cloud);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("abc", "COSTGUARD_UNHEALTHY_AFTER_FAILURES")]
    [InlineData("0", "COSTGUARD_UNHEALTHY_AFTER_FAILURES must be a whole number from 1 to 100 (got 0)")]
    public async Task Enforce_UnhealthyAfterFailuresMalformed_ExitsInvalidInputNamingTheSetting(string value, string expected)
    {
        var (exit, stdout, stderr) = await RunAsync(new() { ["COSTGUARD_UNHEALTHY_AFTER_FAILURES"] = value }, "enforce", "--policy", PolicyFile, "--state", StateFile, "--json");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("nothing was read or acted on.", line, StringComparison.Ordinal);
        AssertNothingTouched(stderr);
    }

    [Fact]
    public async Task Event_UnhealthyAfterFailuresNotANumber_ExitsInvalidInputBeforeTheEventIsProcessed()
    {
        var payload = Path.Combine(_directory, "event.json");
        await File.WriteAllTextAsync(payload, """
            { "version": "0", "id": "e-1", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
              "account": "111111111111", "time": "2026-01-15T12:01:30Z", "region": "us-east-1", "resources": [],
              "detail": { "instance-id": "i-00000000000000001", "state": "running" } }
            """);

        var (exit, _, stderr) = await RunAsync(new() { ["COSTGUARD_UNHEALTHY_AFTER_FAILURES"] = "abc" }, "event", "--policy", PolicyFile, "--state", StateFile, payload);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("COSTGUARD_UNHEALTHY_AFTER_FAILURES", stderr, StringComparison.Ordinal);
        Assert.Contains("the event was not processed", stderr, StringComparison.Ordinal);
        AssertNothingTouched(stderr);
    }

    [Fact]
    public async Task Audit_StateOptionIsADirectory_ExitsInvalidInputNamingTheOptionNotTheSetting()
    {
        var (exit, _, stderr) = await RunAsync([], "audit", "--state", _directory);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains($"--state '{_directory}' is a directory", line, StringComparison.Ordinal);
        Assert.DoesNotContain("COSTGUARD_STATE_FILE", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enforce_TwoSettingsMalformed_NamesBoth()
    {
        var settings = new Dictionary<string, string>
        {
            ["COSTGUARD_UNHEALTHY_AFTER_FAILURES"] = "0",
            ["COSTGUARD_STATE_FILE"] = _directory,
        };

        var (exit, _, stderr) = await RunAsync(settings, "enforce", "--policy", PolicyFile);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("COSTGUARD_UNHEALTHY_AFTER_FAILURES must be a whole number", line, StringComparison.Ordinal);
        Assert.Contains($"COSTGUARD_STATE_FILE '{_directory}' is a directory", line, StringComparison.Ordinal);
        AssertNothingTouched(stderr);
    }

    [Fact]
    public async Task Audit_StateFileSetting_IsUsedWhenNoStateOptionIsGiven()
    {
        var (exit, _, stderr) = await RunAsync(new() { ["COSTGUARD_STATE_FILE"] = StateFile }, "audit");

        Assert.True(exit == ExitCodes.Success, stderr);
        Assert.True(File.Exists(StateFile));
    }

    private void AssertNothingTouched(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.False(File.Exists(StateFile), "the state file was created although the settings were rejected");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> extra, params string[] args)
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _server.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
        };
        foreach (var (key, value) in extra)
        {
            variables[key] = value;
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CostGuardCli.RunAsync(args, new CliEnvironment(stdout, stderr, _time, name => variables.GetValueOrDefault(name)));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
