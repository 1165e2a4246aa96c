using System.Text.Json;
using CostGuard.Aws.Testing;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.State;

namespace CostGuard.Cli.Process;

/// <summary>
/// Several real <c>costguard event</c> processes at once on one SQLite state file, against the loopback AWS fake
/// ($50/h per launch under a $400/h cap): the ledger invariant holds whatever order the processes take turns in, and a
/// missing ledger is rebuilt by one of them only. Synchronised on observable points (requests reaching the fake, exits).
/// </summary>
public sealed class EventProcessTests : IAsyncLifetime
{
    private const string Account = "111111111111";
    private const int Launches = 12;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-eventproc-" + Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
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
              "pricing": { "usdPerHour": { "p4d.24xlarge": 50 } }
            }
            """);

        // The child processes run on the real clock, so the fleet is built around it.
        _cloud = new FakeAwsCloud(() => TimeProvider.System.GetUtcNow()) { BaseAccount = Account };
        _server = new FakeAwsServer(_cloud);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Event_TwelveProcessesOnOneStateFile_ExactlyEightAllowedAndFourStopped()
    {
        await WriteFreshEmptyLedgerAsync();
        var files = LaunchAll();

        var runs = await RunAllAsync(files);

        // $50/h each: 8 make exactly the $400/h cap; each of the other 4 would have taken it to $450/h.
        var decisions = runs.Select(r => Decision(r.Out)).ToList();
        Assert.Equal(8, decisions.Count(d => d == "allowed"));
        Assert.Equal(4, decisions.Count(d => d == "stopped"));
        var stopped = _cloud.Instances.Where(i => i.State is "stopping" or "stopped").Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(runs.Where(r => Decision(r.Out) == "stopped").Select(r => InstanceOf(r.Out)).ToHashSet(StringComparer.Ordinal), stopped);
        Assert.Equal(4, _server.Count("StopInstances"));
        Assert.Equal(Launches, _server.Count("DescribeInstances"));
        var ledger = await ReadLedgerAsync();
        Assert.Equal(400m, ledger!.BurnUsdPerHour);
        Assert.Equal(Launches, ledger.Entries.Count);
    }

    [Fact]
    public async Task Event_TwelveProcessesOnMissingLedger_OneProcessReadsTheAccountAndStopsTheFourNewest()
    {
        var files = LaunchAll();

        // The one inventory read is held until every process has read its own launch: all twelve overlap the rebuild.
        var fullRead = _server.Hold(r => r.Operation == "DescribeInstances" && r.Body.Contains("instance-state-name", StringComparison.Ordinal));
        var ownReads = _server.Hold(r => r.Operation == "DescribeInstances" && !r.Body.Contains("MaxResults", StringComparison.Ordinal));
        ownReads.Release();
        var runs = files.Select(Start).ToList();
        try
        {
            await runs[0].Bounded(fullRead.Arrived, "the account's inventory read");
            await runs[0].Bounded(ownReads.Reached(Launches), "every process to read its launch");
        }
        finally
        {
            fullRead.Release();
        }

        foreach (var run in runs)
        {
            var exit = await run.WaitForExitAsync();
            Assert.True(exit == ExitCodes.Success, run.Error);
            run.Dispose();
        }

        // The inventory shows all twelve at one launch time: the sweep's rule stops the four with the highest ids.
        Assert.Equal(1, fullRead.Count);
        Assert.Equal(Launches, ownReads.Count);
        var stopped = _cloud.Instances.Where(i => i.State is "stopping" or "stopped").Select(i => i.Id).Order(StringComparer.Ordinal);
        Assert.Equal(Ids().Skip(8), stopped);
        var ledger = await ReadLedgerAsync();
        Assert.Equal(400m, ledger!.BurnUsdPerHour);
        Assert.Null(ledger.Rebuild);
    }

    private static IEnumerable<string> Ids() => Enumerable.Range(1, Launches).Select(i => $"i-{i:x17}");

    private List<string> LaunchAll() => Ids().Select(id =>
    {
        _cloud.Add(new FakeInstance
        {
            Id = id, Account = Account, Region = "us-east-1", Type = "p4d.24xlarge", LaunchTime = _now.AddMinutes(-1),
            Tags = { ["owner"] = "ada" },
        });
        var file = Path.Combine(_directory, id + ".json");
        File.WriteAllText(file, $$"""
            { "version": "0", "id": "e-{{id}}", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
              "account": "{{Account}}", "time": "2026-12-06T00:00:00Z", "region": "us-east-1", "resources": [],
              "detail": { "instance-id": "{{id}}", "state": "running" } }
            """);
        return file;
    }).ToList();

    private async Task<List<(string Out, string Error)>> RunAllAsync(IEnumerable<string> files)
    {
        var runs = files.Select(Start).ToList();
        var results = new List<(string, string)>();
        foreach (var run in runs)
        {
            var exit = await run.WaitForExitAsync();
            Assert.True(exit == ExitCodes.Success, run.Error);
            results.Add((run.Out, run.Error));
            run.Dispose();
        }

        return results;
    }

    /// <summary>As a sweep leaves it: synced now, nothing running.</summary>
    private async Task WriteFreshEmptyLedgerAsync()
    {
        var ledger = await SqliteBurnLedger.OpenAsync(StateFile, TimeProvider.System, CancellationToken.None);
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<bool>(new BurnLedgerState { Cloud = CloudKind.Aws, Account = Account, SyncedAt = _now, MonthToDateAsOf = _now }, true), CancellationToken.None);
    }

    private async Task<BurnLedgerState?> ReadLedgerAsync() =>
        await (await SqliteBurnLedger.OpenAsync(StateFile, TimeProvider.System, CancellationToken.None)).ReadAsync(CloudKind.Aws, Account, CancellationToken.None);

    private static string? Decision(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("decision").GetString();
    }

    private static string InstanceOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("event").GetProperty("instanceId").GetString()!;
    }

    private CliProcess Start(string eventFile) => CliProcess.Start(
        new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _server.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
            ["DOTNET_NOLOGO"] = "1",
        },
        "event", "--policy", PolicyFile, "--state", StateFile, "--json", eventFile);
}
