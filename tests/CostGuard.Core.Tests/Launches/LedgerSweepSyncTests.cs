using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Launches;

/// <summary>The burn ledger after a sweep: rewritten from a whole inventory only, never from a failed or partial one.</summary>
public sealed class LedgerSweepSyncTests
{
    private const string A = "111122223333";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeFleetProvider _aws = new(CloudKind.Aws);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryBurnLedger _ledger = new();

    public static TheoryData<string> Failures => ["incomplete", "inventory-gap", "no-snapshot"];

    [Fact]
    public async Task RecordAsync_WholeInventory_RewritesTheLedgerFromIt()
    {
        _aws.Reads[A] = account => Read(account, Instance("i-1"), Instance("i-2"));

        await SweepAndSyncAsync();

        var ledger = await _ledger.ReadAsync(CloudKind.Aws, A, CancellationToken.None);
        Assert.Equal((2.012m, Now, 1), (ledger!.BurnUsdPerHour, ledger.SyncedAt, _ledger.Writes));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RecordAsync_InventoryReadFailedAfterAWholeOne_LedgerKeepsWhatTheWholeReadLeft(string failure)
    {
        _aws.Reads[A] = account => Read(account, Instance("i-1"), Instance("i-2"));
        await SweepAndSyncAsync();

        // 15 min later the inventory fails partway: one region's instance is missing from the list (or nothing is listed).
        _time.Advance(TimeSpan.FromMinutes(15));
        const string Problem = "us-west-2: EC2 DescribeInstances failed: HTTP 500 InternalError";
        _aws.Reads[A] = failure switch
        {
            "incomplete" => account => Read(account, Instance("i-1")) with { Complete = false, Problems = [Problem], Gaps = [ReadGap.Whole(ReadPart.Inventory, Problem)] },
            "inventory-gap" => account => Read(account, Instance("i-1")) with { Gaps = [ReadGap.Whole(ReadPart.Inventory, Problem)] },
            _ => account => new AccountReadResult { Account = account, Complete = false, Problems = [Problem] },
        };
        var problems = await SweepAndSyncAsync();

        var ledger = await _ledger.ReadAsync(CloudKind.Aws, A, CancellationToken.None);
        Assert.Empty(problems);
        Assert.Equal((2.012m, 2, Now, 1), (ledger!.BurnUsdPerHour, ledger.Entries.Count, ledger.SyncedAt, _ledger.Writes));
    }

    private async Task<IReadOnlyList<string>> SweepAndSyncAsync()
    {
        var policy = new Policy
        {
            Name = "gpu-guard",
            Mode = PolicyMode.Enforce,
            Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = A, Regions = ["us-east-1", "us-west-2"] }],
        };
        var sweep = new GuardSweep([_aws], new InMemoryStateStore(), new RecordingNotifier(), _time);
        var result = await sweep.RunAsync(policy, new SweepOptions { Act = true }, CancellationToken.None);
        return await LedgerSweepSync.RecordAsync(_ledger, policy, result, CancellationToken.None);
    }

    private static AccountReadResult Read(AccountScope account, params InstanceSnapshot[] instances) => new()
    {
        Account = account,
        Complete = true,
        Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = A, Instances = instances },
    };

    private static InstanceSnapshot Instance(string id) => new()
    {
        Cloud = CloudKind.Aws,
        Account = A,
        Region = "us-east-1",
        Id = id,
        Type = "g5.xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddHours(-2),
        UsdPerHour = 1.006m,
    };
}
