using System.Text.Json;

namespace CostGuard.Cli.Commands;

public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static readonly string Policy = RepositoryRoot.Combine("policies", "team-gpu-guard.json");
    private static readonly string Snapshot = RepositoryRoot.Combine("policies", "samples", "fleet-snapshot.json");

    private static List<JsonElement> Actions(JsonElement root, string name = "actions") => root.GetProperty(name).EnumerateArray().ToList();

    private static JsonElement ActionFor(JsonElement root, string instanceSuffix) =>
        Assert.Single(Actions(root), a => a.GetProperty("instance").GetString()!.EndsWith(instanceSuffix, StringComparison.Ordinal));

    [Fact]
    public async Task Plan_ShippedSample_PrintsTheExpectedDecisionsAsJson()
    {
        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", Snapshot, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("team-gpu-guard", root.GetProperty("policy").GetString());
        Assert.Equal("enforce", root.GetProperty("mode").GetString());
        Assert.Equal("2026-11-26T12:00:00Z", root.GetProperty("evaluatedAt").GetString());
        Assert.Equal(3, root.GetProperty("accounts").GetArrayLength());
        Assert.Empty(Actions(root, "deferred"));

        // Idle, fail-closed idle, orphan reaping, orphan marking, burn cap and monthly cap all show up.
        Assert.Equal(("stop", "idle"), Pair(ActionFor(root, "i-0a11c0ffee0000001")));
        Assert.Equal(("stop", "idle"), Pair(ActionFor(root, "i-0a11c0ffee0000002")));
        Assert.Equal(("terminate", "orphan"), Pair(ActionFor(root, "i-0a11c0ffee0000003")));
        Assert.Equal(("tag", "orphan"), Pair(ActionFor(root, "i-0a11c0ffee0000006")));
        Assert.Equal(("stop", "burn-cap"), Pair(ActionFor(root, "i-0b22feed00000006")));
        Assert.Equal(("stop", "monthly-cap"), Pair(ActionFor(root, "nd96-train-01")));

        // Exempt, non-GPU, too young, and the other training nodes are left alone.
        foreach (var untouched in new[] { "i-0a11c0ffee0000004", "i-0a11c0ffee0000008", "i-0a11c0ffee0000009", "i-0b22feed00000005", "nd40-exempt-04", "nv36-viz-03" })
        {
            Assert.DoesNotContain(Actions(root), a => a.GetProperty("instance").GetString()!.EndsWith(untouched, StringComparison.Ordinal));
        }

        var alertKinds = root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Contains("exemption-invalid", alertKinds);
        Assert.Contains("burn-cap", alertKinds);
        Assert.Contains("cap-breach", alertKinds);
        Assert.All(Actions(root), a => Assert.EndsWith("Z", a.GetProperty("time").GetString(), StringComparison.Ordinal));

        // The human table goes to stderr.
        Assert.Contains("burn-cap", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WithoutJson_PrintsNothingOnStdout()
    {
        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", Snapshot);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("i-0a11c0ffee0000001", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Now_OverridesTheEvaluationTime()
    {
        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", Snapshot, "--json", "--now", "2026-11-26T13:00:00+01:00");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("2026-11-26T12:00:00Z", doc.RootElement.GetProperty("evaluatedAt").GetString());
    }

    [Fact]
    public async Task Plan_SnapshotWithoutSamples_UsesTheInjectedClock()
    {
        var snapshot = _files.Write("""{ "accounts": [ { "cloud": "aws", "id": "111122223333", "instances": [] } ] }""");

        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", snapshot, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("2026-11-27T09:30:00Z", doc.RootElement.GetProperty("evaluatedAt").GetString());
    }

    [Fact]
    public async Task Plan_AccountsOutsideEitherSide_AreNotedOnStderr()
    {
        var snapshot = _files.Write("""{ "accounts": [ { "cloud": "aws", "id": "999999999999", "instances": [] } ] }""");

        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", snapshot, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("aws account 999999999999 is in the snapshot but not in the policy's accounts", run.Error, StringComparison.Ordinal);
        Assert.Contains("aws account 111122223333 is in the policy but not in the snapshot", run.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task Plan_InvalidPolicy_ExitsTwoWithoutEvaluating()
    {
        var policy = _files.Write("""{ "name": "p", "mode": "enforce", "idle": { "window": "PT30" } }""");

        var run = await CliRun.RunAsync("plan", "--policy", policy, "--snapshot", Snapshot);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"{policy}:1:55: $.idle.window: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was evaluated", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actions", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_InvalidSnapshot_ExitsTwoNamingFilePathAndLine()
    {
        var snapshot = _files.Write("""
            { "accounts": [
              { "cloud": "aws", "id": "111122223333", "instances": [ { "id": "i-1" } ] }
            ] }
            """);

        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", snapshot, "--json");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{snapshot}:2:58: $.accounts[0].instances[0].region: missing required field", run.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(4, doc.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Plan_BadNow_IsAUsageError()
    {
        var run = await CliRun.RunAsync("plan", "--policy", Policy, "--snapshot", Snapshot, "--now", "tomorrow");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Plan_MissingRequiredOption_IsAUsageError()
    {
        var run = await CliRun.RunAsync("plan", "--snapshot", Snapshot);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--policy", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NoSnapshotAndNoAccounts_SaysThereIsNothingLiveToSweep()
    {
        var policy = _files.Write("""{ "name": "no-accounts", "mode": "dry-run" }""");

        var run = await CliRun.RunAsync("plan", "--policy", policy, "--state", _files.Write(string.Empty) + ".db");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("the policy lists no accounts", run.Error, StringComparison.Ordinal);
        Assert.Contains("--snapshot", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    private static (string?, string?) Pair(JsonElement action) => (action.GetProperty("action").GetString(), action.GetProperty("reason").GetString());

    public void Dispose() => _files.Dispose();
}
