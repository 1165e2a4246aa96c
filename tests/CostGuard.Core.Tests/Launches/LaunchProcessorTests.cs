using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;
using static CostGuard.Launches.LaunchFixtures;

namespace CostGuard.Launches;

public sealed class LaunchProcessorTests
{
    private readonly FakeInstanceReader _reader = new(CloudKind.Aws);
    private readonly FakeFleetProvider _provider = new(CloudKind.Aws);
    private readonly InMemoryBurnLedger _ledger = new();
    private readonly InMemoryStateStore _state = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly LaunchEventReader _events = new([new EventBridgeParser()]);

    [Fact]
    public async Task ProcessAsync_HundredConcurrentLaunchesOfKnownPrice_ExactlyTheFittingOnesKeepRunning()
    {
        _ledger.Put(Ledger());
        var ids = Enumerable.Range(1, 100).Select(InstanceId).ToList();
        foreach (var id in ids)
        {
            _reader.Instances[id] = Gpu(id, 32.77m);
        }

        var results = await Task.WhenAll(ids.Select(id => Task.Run(() => ProcessAsync(EventBridge(id)))));

        // 12 x $32.77 = $393.24 fits under $400/h; a 13th would reach $426.01.
        var ledger = (await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!;
        Assert.Equal(12, results.Count(r => r.Decision == LaunchDecision.Allowed));
        Assert.Equal(88, results.Count(r => r is { Decision: LaunchDecision.Stopped, Reason: "burn-cap" }));
        Assert.Equal(393.24m, ledger.BurnUsdPerHour);
        Assert.Equal(88, _reader.StoppedIds().Distinct().Count());
        Assert.Equal(100, _reader.Reads);
        Assert.Empty(_provider.Applied);
    }

    [Fact]
    public async Task ProcessAsync_HundredConcurrentLaunchesOfMixedPrices_HoldTheInvariant()
    {
        _ledger.Put(Ledger(("i-running", 37.5m)));
        var prices = new[] { 3.06m, 12.24m, 32.77m, 98.32m, 5.67m };
        var ids = Enumerable.Range(1, 100).Select(InstanceId).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            _reader.Instances[ids[i]] = Gpu(ids[i], prices[i % prices.Length]);
        }

        var results = await Task.WhenAll(ids.Select(id => Task.Run(() => ProcessAsync(EventBridge(id)))));

        var ledger = (await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!;
        var stopped = _reader.StoppedIds().ToHashSet(StringComparer.Ordinal);
        var room = 400m - ledger.BurnUsdPerHour;
        Assert.True(ledger.BurnUsdPerHour <= 400m);

        // Burn only grows, so a stopped launch that would fit now would have fitted when it was judged.
        Assert.All(stopped, id => Assert.True(_reader.Instances[id].UsdPerHour > room, $"{id} fitted but was stopped"));
        Assert.Equal(37.5m + ids.Where(id => !stopped.Contains(id)).Sum(id => _reader.Instances[id].UsdPerHour), ledger.BurnUsdPerHour);
        Assert.Equal(stopped.Count, results.Count(r => r.Decision == LaunchDecision.Stopped));
        Assert.True(_ledger.Conflicts > 0, "the test should have made concurrent updates collide");
    }

    [Fact]
    public async Task ProcessAsync_ReplayedEvents_ChangeNothing()
    {
        _ledger.Put(Ledger(("i-running", 350m)));
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 30m);
        _reader.Instances[InstanceId(2)] = Gpu(InstanceId(2), 30m);
        await ProcessAsync(EventBridge(InstanceId(1)));
        await ProcessAsync(EventBridge(InstanceId(2)));
        var before = await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None);
        var applied = _reader.Applied.Count;

        var replays = new List<LaunchResult>();
        for (var i = 0; i < 3; i++)
        {
            replays.Add(await ProcessAsync(EventBridge(InstanceId(1))));
            replays.Add(await ProcessAsync(EventBridge(InstanceId(2))));
        }

        // The allowed one is held by the ledger; the stopped one now reads as stopping (or, if the stop is slow, is held too).
        Assert.All(replays, r => Assert.Equal(LaunchDecision.Ignored, r.Decision));
        Assert.All(replays.Where(r => r.Event!.InstanceId == InstanceId(1)), r => Assert.Equal(LaunchReasons.AlreadyDecided, r.Reason));
        Assert.Same(before, await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None));
        Assert.Equal(applied, _reader.Applied.Count);
    }

    [Fact]
    public async Task ProcessAsync_MissingLedger_RebuildsFromInventoryNewestFirst()
    {
        // The inventory already shows three launches: judged together, newest (then higher id) stops first.
        var old = Gpu("i-00000000000000001", 200m, Now.AddHours(-2));
        var mid = Gpu("i-00000000000000002", 150m, Now.AddMinutes(-3));
        var newest = Gpu("i-00000000000000003", 150m, Now.AddMinutes(-1));
        foreach (var i in new[] { old, mid, newest })
        {
            _reader.Instances[i.Id] = i;
        }

        _provider.Reads[Account] = scope => new AccountReadResult
        {
            Account = scope,
            Complete = true,
            Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = Account, Instances = [old, mid, newest] },
        };

        var first = await ProcessAsync(EventBridge(mid.Id));
        var second = await ProcessAsync(EventBridge(newest.Id));

        Assert.True(first.RebuiltLedger);
        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.AlreadyDecided), (first.Decision, first.Reason));
        Assert.Equal(newest.Id, Assert.Single(Assert.Single(_provider.Applied).Actions).Instance.Id);
        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.AlreadyDecided), (second.Decision, second.Reason));
        Assert.False(second.RebuiltLedger);
        var ledger = (await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!;
        Assert.Equal(350m, ledger.BurnUsdPerHour);
    }

    [Fact]
    public async Task ProcessAsync_StaleLedgerAndIncompleteInventory_ThrowsForRetry()
    {
        _ledger.Put(Ledger() with { SyncedAt = Now.AddMinutes(-11) });
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 30m);
        _provider.Reads[Account] = scope => new AccountReadResult { Account = scope, Complete = false, Problems = ["us-east-1: throttled"] };

        var error = await Assert.ThrowsAsync<LaunchProcessingException>(() => ProcessAsync(EventBridge(InstanceId(1))));

        Assert.Contains("throttled", error.Message, StringComparison.Ordinal);
        Assert.Empty(_reader.Applied);
    }

    [Fact]
    public async Task ProcessAsync_NonGpuInstance_IgnoredWithoutTouchingTheLedger()
    {
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 0.1m, type: "m5.large");

        var result = await ProcessAsync(EventBridge(InstanceId(1)));

        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.NotGpu), (result.Decision, result.Reason));
        Assert.Equal(0, _ledger.Writes);
    }

    [Fact]
    public async Task ProcessAsync_AccountOutsideThePolicy_IgnoredWithoutReading()
    {
        var result = await ProcessAsync(EventBridge(InstanceId(1), account: "999988887777"));

        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.NotInScope), (result.Decision, result.Reason));
        Assert.Equal(0, _reader.Reads);
    }

    [Fact]
    public async Task ProcessAsync_InstanceReadFails_ThrowsForRetryAndActsOnNothing()
    {
        _reader.ReadProblem = "DescribeInstances: RequestLimitExceeded";

        await Assert.ThrowsAsync<LaunchProcessingException>(() => ProcessAsync(EventBridge(InstanceId(1))));

        Assert.Empty(_reader.Applied);
        Assert.Equal(0, _ledger.Writes);
    }

    [Fact]
    public async Task ProcessAsync_DryRunPolicy_JudgesButNeitherActsNorWrites()
    {
        _ledger.Put(Ledger(("i-running", 390m)));
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 30m);

        var result = await ProcessAsync(EventBridge(InstanceId(1)), Policy() with { Mode = PolicyMode.DryRun });

        Assert.Equal(LaunchDecision.Stopped, result.Decision);
        Assert.True(result.DryRun);
        Assert.Empty(_reader.Applied);
        Assert.Equal(0, _ledger.Writes);
        Assert.Contains(_state.Audit, r => r is { Action: "stop", Outcome: "planned" });
    }

    [Fact]
    public async Task ProcessAsync_BurnCapStop_AuditsIntentThenOutcomeAndNotifies()
    {
        _ledger.Put(Ledger(("i-running", 390m)));
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 30m);

        await ProcessAsync(EventBridge(InstanceId(1)));

        var stops = _state.Audit.Where(r => r.Action == "stop").ToList();
        Assert.Equal([AuditKinds.Intent, AuditKinds.Outcome], stops.Select(r => r.Kind));
        Assert.Equal(stops[0].ActionId, stops[1].ActionId);
        Assert.Equal("applied", stops[1].Outcome);
        Assert.Contains(_state.Audit, r => r is { Action: "launch", Outcome: "stopped", Reason: "burn-cap" });
        Assert.Equal(ActionReason.BurnCap, Assert.Single(Assert.Single(_notifier.Batches).Actions).Action.Reason);
    }

    [Fact]
    public async Task ProcessAsync_LedgerContentionExhausted_ThrowsForTheQueueToRetryAndActsOnNothing()
    {
        _reader.Instances[InstanceId(1)] = Gpu(InstanceId(1), 500m);
        var processor = new LaunchProcessor([_reader], [_provider], new ContendedLedger(Ledger()), _state, _notifier, new FakeTimeProvider(Now));

        var error = await Assert.ThrowsAsync<LaunchProcessingException>(
            () => processor.ProcessAsync(Policy(), Assert.Single(_events.Read(EventBridge(InstanceId(1)))), CancellationToken.None));

        Assert.IsType<LedgerContentionException>(error.InnerException);
        Assert.Contains(InstanceId(1), error.Message, StringComparison.Ordinal);
        Assert.Contains("another writer", error.Message, StringComparison.Ordinal);
        Assert.Empty(_reader.Applied);
    }

    private async Task<LaunchResult> ProcessAsync(string body, Policy? policy = null)
    {
        var processor = new LaunchProcessor([_reader], [_provider], _ledger, _state, _notifier, new FakeTimeProvider(Now));
        return await processor.ProcessAsync(policy ?? Policy(), Assert.Single(_events.Read(body)), CancellationToken.None);
    }

    /// <summary>A fresh ledger whose every update loses to other writers until the attempts run out.</summary>
    private sealed class ContendedLedger(BurnLedgerState ledger) : IBurnLedger
    {
        public Task<BurnLedgerState?> ReadAsync(CloudKind cloud, string account, CancellationToken cancellationToken) => Task.FromResult<BurnLedgerState?>(ledger);

        public Task<LedgerUpdate<T>> UpdateAsync<T>(CloudKind cloud, string account, Func<BurnLedgerState?, LedgerChange<T>> change, CancellationToken cancellationToken)
        {
            change(ledger);
            throw new LedgerContentionException($"The burn ledger of aws account {account} was changed by another writer during each of 25 attempts.");
        }
    }
}
