using CostGuard.Aws.Testing;
using CostGuard.Ports;
using CostGuard.State;

namespace CostGuard.Cli.Process;

/// <summary>
/// Crash safety and overlap of real <c>costguard enforce</c> processes against the loopback AWS fake: StopInstances
/// replies are held (the fake has applied the stop) while the process is killed or signalled, then the run is
/// repeated. Synchronised on observable points only: the held call, a stderr line, process exit.
/// </summary>
public sealed class EnforceProcessTests : IAsyncLifetime
{
    private const string Account = "999988887777";
    private const int Idle = 12;
    private const int Orphans = 2;
    private const string SweepId = "process-test@2026-12-06T00:00:00Z";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-proc-" + Guid.NewGuid().ToString("N"));
    private FakeAwsCloud _cloud = null!;
    private FakeAwsServer _server = null!;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string StateFile => Path.Combine(_directory, "state.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);

        // The child process runs on the real clock, so the fleet is built around it.
        var now = TimeProvider.System.GetUtcNow();
        _cloud = new FakeAwsCloud(() => TimeProvider.System.GetUtcNow()) { BaseAccount = Account };
        for (var i = 0; i < Idle; i++)
        {
            _cloud.Add(new FakeInstance
            {
                Id = $"i-idle{i:D2}", Account = Account, Region = "us-east-1", Type = "g5.xlarge", LaunchTime = now.AddHours(-3), GpuPercent = 0, CpuPercent = 1,
                Tags = { ["owner"] = "team" },
            });
        }

        for (var i = 0; i < Orphans; i++)
        {
            _cloud.Add(new FakeInstance { Id = $"i-orphan{i}", Account = Account, Region = "us-east-1", Type = "g5.xlarge", LaunchTime = now.AddHours(-3), GpuPercent = 90, CpuPercent = 50 });
        }

        File.WriteAllText(PolicyFile, """
            {
              "name": "process-test",
              "mode": "enforce",
              "accounts": [ { "cloud": "aws", "id": "999988887777", "regions": ["us-east-1"] } ],
              "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
              "orphans": { "requiredTags": ["owner"], "stopAfter": "P1D" }
            }
            """);
        _server = new FakeAwsServer(_cloud);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Enforce_KilledWhileStopsInFlight_RerunRecordsEachOutcomeOnceAndNeverStopsTwice()
    {
        var hold = _server.Hold("StopInstances");
        using (var first = Start())
        {
            await first.Bounded(hold.Arrived, "StopInstances to arrive");
            first.Kill();
            await first.WaitForExitAsync();
        }

        // Killed between the call and its outcome: every stop has its intent and no outcome.
        var afterKill = await AuditAsync();
        Assert.Equal(Idle, afterKill.Count(r => r.Action == "stop" && r.Kind == AuditKinds.Intent));
        Assert.DoesNotContain(afterKill, r => r.Action == "stop" && r.Kind == AuditKinds.Outcome);
        hold.Release();

        using var rerun = Start();
        var exit = await rerun.WaitForExitAsync();

        Assert.True(exit == ExitCodes.Success, rerun.Error);
        Assert.Equal(1, _server.Count("StopInstances"));
        var audit = await AuditAsync();
        AssertOneIntentAndOneOutcomeEach(audit, "stop", Idle, "already-done");
        AssertOneIntentAndOneOutcomeEach(audit, "tag", Orphans, "applied");
        Assert.All(_cloud.Instances.Where(i => i.Id.StartsWith("i-idle", StringComparison.Ordinal)), i => Assert.Equal("stopping", i.State));
    }

    [Fact]
    public async Task Enforce_SigtermWhileStopsInFlight_RecordsWhatCompletedSendsNothingNewExits143()
    {
        var hold = _server.Hold("StopInstances");
        using (var first = Start())
        {
            await first.Bounded(hold.Arrived, "StopInstances to arrive");
            await first.TerminateAsync();
            await first.WaitForErrorAsync("SIGTERM received");
            hold.Release();
            var exit = await first.WaitForExitAsync();

            Assert.True(exit == ExitCodes.Interrupted, first.Error);
            Assert.Contains("interrupted: no cloud call was sent after the signal", first.Error, StringComparison.Ordinal);
        }

        // The stops that were in flight completed and got their outcome; the orphan marks were never sent.
        Assert.Equal(0, _server.Count("CreateTags"));
        var afterSignal = await AuditAsync();
        AssertOneIntentAndOneOutcomeEach(afterSignal, "stop", Idle, "applied");
        Assert.Equal(Orphans, afterSignal.Count(r => r.Action == "tag" && r.Kind == AuditKinds.Intent));
        Assert.DoesNotContain(afterSignal, r => r.Action == "tag" && r.Kind == AuditKinds.Outcome);

        using var rerun = Start();
        var rerunExit = await rerun.WaitForExitAsync();

        Assert.True(rerunExit == ExitCodes.Success, rerun.Error);
        Assert.Equal(1, _server.Count("StopInstances"));
        Assert.Equal(1, _server.Count("CreateTags"));
        var audit = await AuditAsync();
        AssertOneIntentAndOneOutcomeEach(audit, "stop", Idle, "applied");
        AssertOneIntentAndOneOutcomeEach(audit, "tag", Orphans, "applied");
    }

    [Fact]
    public async Task Enforce_TwoProcessesOnOneStateFile_OneActsTheOtherReportsTheLock()
    {
        var hold = _server.Hold("StopInstances");
        using var first = Start(sweepId: null);
        await first.Bounded(hold.Arrived, "StopInstances to arrive");

        // The first holds the account (its stop is in flight); the second, a different sweep, must not touch it.
        using var second = Start(sweepId: null);
        var secondExit = await second.WaitForExitAsync();
        hold.Release();
        var firstExit = await first.WaitForExitAsync();

        Assert.True(secondExit == ExitCodes.Failure, second.Error);
        Assert.Contains($"aws {Account}: skipped: another sweep holds the lock", second.Error, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"skipped: another sweep holds the lock\"", second.Out, StringComparison.Ordinal);
        Assert.True(firstExit == ExitCodes.Success, first.Error);
        Assert.Equal(1, _server.Count("StopInstances"));
        Assert.Equal(1, _server.Count("CreateTags"));
        var audit = await AuditAsync();
        AssertOneIntentAndOneOutcomeEach(audit, "stop", Idle, "applied");
        AssertOneIntentAndOneOutcomeEach(audit, "tag", Orphans, "applied");
        Assert.Equal(audit.Count, audit.Distinct().Count());
    }

    private static void AssertOneIntentAndOneOutcomeEach(IReadOnlyList<AuditRecord> audit, string action, int instances, string outcome)
    {
        var rows = audit.Where(r => r.Action == action && r.Kind != AuditKinds.Decision).GroupBy(r => r.Instance).ToList();
        Assert.Equal(instances, rows.Count);
        Assert.All(rows, g =>
        {
            Assert.Equal([AuditKinds.Intent, AuditKinds.Outcome], g.Select(r => r.Kind).Order(StringComparer.Ordinal));
            Assert.Equal(outcome, g.Single(r => r.Kind == AuditKinds.Outcome).Outcome);
            Assert.Single(g.Select(r => r.ActionId).Distinct());
        });
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        var store = await SqliteStateStore.OpenAsync(StateFile, CancellationToken.None);
        return await store.ReadAsync(null, 100_000, CancellationToken.None);
    }

    private CliProcess Start(string? sweepId = SweepId)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _server.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
            ["DOTNET_NOLOGO"] = "1",
        };
        string[] args = ["enforce", "--policy", PolicyFile, "--state", StateFile, "--json"];
        return CliProcess.Start(environment, sweepId is null ? args : [.. args, "--sweep-id", sweepId]);
    }
}
