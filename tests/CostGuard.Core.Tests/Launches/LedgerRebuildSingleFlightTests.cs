using CostGuard.Fleet;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;
using static CostGuard.Launches.LaunchFixtures;

namespace CostGuard.Launches;

/// <summary>A missing or stale ledger is rebuilt by one event per account; the others wait for its ledger.</summary>
public sealed class LedgerRebuildSingleFlightTests
{
    private readonly FakeInstanceReader _reader = new(CloudKind.Aws);
    private readonly FakeFleetProvider _provider = new(CloudKind.Aws);
    private readonly InMemoryBurnLedger _ledger = new();
    private readonly LaunchEventReader _events = new([new EventBridgeParser()]);
    private int _accountReads;

    [Fact]
    public async Task ProcessAsync_TwentyConcurrentOnMissingLedger_OneAccountReadAndTheFittingOnesKeepRunning()
    {
        var instances = Inventory(20, 30m);

        var results = await Task.WhenAll(instances.Select(i => Task.Run(() => ProcessAsync(i.Id))));

        // $30/h each under $400/h: 13 fit ($390/h); the rebuild stops the 7 newest (same launch time: the higher ids).
        var ledger = (await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!;
        Assert.Equal(1, _accountReads);
        Assert.Single(results, r => r.RebuiltLedger);
        Assert.Equal(390m, ledger.BurnUsdPerHour);
        Assert.Null(ledger.Rebuild);
        var stopped = Assert.Single(_provider.Applied).Actions.Select(a => a.Instance.Id).Order(StringComparer.Ordinal);
        Assert.Equal(instances.Skip(13).Select(i => i.Id), stopped);
        Assert.Empty(_reader.Applied);
    }

    [Fact]
    public async Task ProcessAsync_StaleLedgerClaimedLongAgo_ClaimTakenOverAndRebuilt()
    {
        Inventory(3, 30m);
        _ledger.Put(Ledger() with { SyncedAt = Now.AddHours(-1), Rebuild = new LedgerRebuildClaim("died", Now.AddMinutes(-3)) });

        var result = await ProcessAsync(InstanceId(1));

        Assert.True(result.RebuiltLedger);
        Assert.Equal(1, _accountReads);
        var ledger = (await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!;
        Assert.Equal((Now, 90m), (ledger.SyncedAt, ledger.BurnUsdPerHour));
        Assert.Null(ledger.Rebuild);
    }

    [Fact]
    public async Task ProcessAsync_LiveClaimNeverFinishes_WaitsBoundedThenThrowsForRetry()
    {
        Inventory(1, 30m);
        _ledger.Put(Ledger() with { SyncedAt = null, Rebuild = new LedgerRebuildClaim("busy", Now.AddSeconds(-10)) });
        var pauses = 0;
        var options = new LedgerRebuildOptions
        {
            PollInterval = TimeSpan.FromSeconds(1),
            WaitLimit = TimeSpan.FromSeconds(5),
            Pause = (_, _) =>
            {
                Interlocked.Increment(ref pauses);
                return Task.CompletedTask;
            },
        };

        var error = await Assert.ThrowsAsync<LaunchProcessingException>(() => ProcessAsync(InstanceId(1), options));

        Assert.Contains("being rebuilt by another event", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, pauses);
        Assert.Equal(0, _accountReads);
        Assert.Empty(_reader.Applied);
    }

    [Fact]
    public async Task ProcessAsync_RebuildReadFails_ClaimReleasedSoTheRetryRebuildsAtOnce()
    {
        Inventory(2, 30m);
        var complete = _provider.Reads[Account];
        _provider.Reads[Account] = scope => new AccountReadResult { Account = scope, Complete = false, Problems = ["us-east-1: throttled"] };

        await Assert.ThrowsAsync<LaunchProcessingException>(() => ProcessAsync(InstanceId(1)));
        var afterFailure = await _ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None);
        _provider.Reads[Account] = complete;
        var retry = await ProcessAsync(InstanceId(1), new LedgerRebuildOptions { Pause = (_, _) => throw new InvalidOperationException("the retry must not wait") });

        Assert.Null(afterFailure!.Rebuild);
        Assert.True(retry.RebuiltLedger);
    }

    /// <summary>The account's inventory: <paramref name="count"/> GPU launches of one price and launch time, read completely.</summary>
    private List<InstanceSnapshot> Inventory(int count, decimal price)
    {
        var instances = Enumerable.Range(1, count).Select(n => Gpu(InstanceId(n), price)).ToList();
        instances.ForEach(i => _reader.Instances[i.Id] = i);
        _provider.Reads[Account] = scope =>
        {
            Interlocked.Increment(ref _accountReads);
            return new AccountReadResult
            {
                Account = scope,
                Complete = true,
                Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = Account, Instances = instances },
            };
        };
        return instances;
    }

    private async Task<LaunchResult> ProcessAsync(string instanceId, LedgerRebuildOptions? options = null)
    {
        var processor = new LaunchProcessor([_reader], [_provider], _ledger, null, null, new FakeTimeProvider(Now),
            options ?? new LedgerRebuildOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        return await processor.ProcessAsync(Policy(), Assert.Single(_events.Read(EventBridge(instanceId))), CancellationToken.None);
    }
}
