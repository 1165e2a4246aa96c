using CostGuard.Fanout;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Status;

public sealed class AccountStatusBuilderTests
{
    private const string A = "111122223333";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BilledThrough = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeFleetProvider _aws = new(CloudKind.Aws);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task Build_AdapterSplitBilledAndLive_KeepsTheBilledFigureItsEndAndTheLivePart()
    {
        Snapshot(monthToDate: 1320m, billed: 1200m, spendAsOf: BilledThrough, Instance("i-busy", 90, 40m));

        var status = await BuildAsync(PolicyMode.Enforce);

        Assert.Equal((1200m, BilledThrough, 120m, 1320m), (status.BilledUsd, status.BilledThrough, status.LiveSinceUsd, status.MonthToDateUsd));
        Assert.Equal((40m, 40m), (status.BurnUsdPerHour, status.BurnAfterSweepUsdPerHour));
    }

    [Fact]
    public async Task Build_NoBillingData_BilledAndItsEndUnknownAndTheWholeFigureIsLive()
    {
        // A failed billing query: the adapter's figure is live burn since the month start only.
        Snapshot(monthToDate: 500m, billed: null, spendAsOf: null, Instance("i-busy", 90, 40m));

        var status = await BuildAsync(PolicyMode.Enforce);

        Assert.Null(status.BilledUsd);
        Assert.Null(status.BilledThrough);
        Assert.Equal(500m, status.LiveSinceUsd);
    }

    [Fact]
    public async Task Build_EnforcingSweepStoppedAnIdleInstance_BurnAfterLeavesItOut()
    {
        Snapshot(monthToDate: 1350m, billed: 1200m, spendAsOf: BilledThrough, Instance("i-busy", 90, 40m), Instance("i-idle", 0, 10m));

        var status = await BuildAsync(PolicyMode.Enforce);

        Assert.Equal((50m, 40m), (status.BurnUsdPerHour, status.BurnAfterSweepUsdPerHour));
    }

    [Fact]
    public async Task Build_DryRunSweep_BurnAfterIsTheBurnSeen()
    {
        Snapshot(monthToDate: 1350m, billed: 1200m, spendAsOf: BilledThrough, Instance("i-busy", 90, 40m), Instance("i-idle", 0, 10m));

        var status = await BuildAsync(PolicyMode.DryRun);

        Assert.Equal((50m, 50m), (status.BurnUsdPerHour, status.BurnAfterSweepUsdPerHour));
    }

    [Fact]
    public async Task Build_BillingReadFailsAfterAGoodRead_BurnFreshBilledIsTheLastKnownWithItsEndAndLiveRunsFromThatEnd()
    {
        Snapshot(monthToDate: 1320m, billed: 1200m, spendAsOf: BilledThrough, Instance("i-busy", 90, 40m));
        var previous = await BuildAsync(PolicyMode.Enforce);

        // 10:00: the inventory reads (a second busy instance at $10/h, launched 04:00), Cost Explorer fails: the adapter's
        // month to date is then live burn since the month start only, billed unknown.
        _time.Advance(TimeSpan.FromHours(1));
        const string Billing = "Cost Explorer GetCostAndUsage failed: HTTP 400 AccessDeniedException";
        Snapshot(monthToDate: 2300m, billed: null, spendAsOf: null, Instance("i-busy", 90, 40m), Instance("i-new", 90, 10m));
        var read = _aws.Reads[A];
        _aws.Reads[A] = account => read(account) with { Gaps = [ReadGap.Whole(ReadPart.Billing, Billing)] };

        var status = await BuildAsync(PolicyMode.Enforce, previous);

        // Burn is this read's; billed $1,200 through 06:00 is kept; live from 06:00 to 10:00 at $50/h = $200.
        Assert.Equal((50m, Now.AddHours(1)), (status.BurnUsdPerHour, status.SweptAt));
        Assert.Equal((1200m, BilledThrough, 200m, 1400m), (status.BilledUsd, status.BilledThrough, status.LiveSinceUsd, status.MonthToDateUsd));
        Assert.Equal(Billing, status.BillingError);
        Assert.Null(status.ReadFailedAt);
    }

    [Fact]
    public async Task Build_BillingReadFailsWithNothingKnownBefore_BilledUnknownAndTheFailureSaid()
    {
        const string Billing = "Cost Explorer GetCostAndUsage failed: HTTP 400 AccessDeniedException";
        Snapshot(monthToDate: 500m, billed: null, spendAsOf: null, Instance("i-busy", 90, 40m));
        var read = _aws.Reads[A];
        _aws.Reads[A] = account => read(account) with { Gaps = [ReadGap.Whole(ReadPart.Billing, Billing)] };

        var status = await BuildAsync(PolicyMode.Enforce);

        Assert.Equal((null, null, 500m), (status.BilledUsd, status.BilledThrough, status.LiveSinceUsd));
        Assert.Equal(Billing, status.BillingError);
    }

    [Fact]
    public async Task Build_CompleteFlagButAnInventoryGap_KeepsThePreviousFiguresMarkedNotRefreshed()
    {
        Snapshot(monthToDate: 1350m, billed: 1200m, spendAsOf: BilledThrough, Instance("i-busy", 90, 40m), Instance("i-idle", 0, 10m));
        var previous = await BuildAsync(PolicyMode.DryRun);

        // An adapter that lists what it could but names an inventory gap: the partial list is not the account.
        _time.Advance(TimeSpan.FromMinutes(15));
        Snapshot(monthToDate: 1200m, billed: 1200m, spendAsOf: BilledThrough);
        var read = _aws.Reads[A];
        _aws.Reads[A] = account => read(account) with { Gaps = [ReadGap.Whole(ReadPart.Inventory, "us-west-2: DescribeInstances page 2 failed: Throttling")] };

        var status = await BuildAsync(PolicyMode.DryRun, previous);

        Assert.Equal((50m, 1350m, 2, Now), (status.BurnUsdPerHour, status.MonthToDateUsd, status.GpuInstances, status.SweptAt));
        Assert.Equal(Now.AddMinutes(15), status.ReadFailedAt);
        Assert.Equal("us-west-2: DescribeInstances page 2 failed: Throttling", status.ReadError);
    }

    [Fact]
    public async Task Build_InventoryFailsOnTheFirstRead_NothingToSave()
    {
        _aws.Reads[A] = account => new AccountReadResult { Account = account, Complete = false, Problems = ["us-east-1: DescribeInstances failed: InternalError"] };

        Assert.Null(await TryBuildAsync(PolicyMode.Enforce, previous: null));
    }

    private void Snapshot(decimal monthToDate, decimal? billed, DateTimeOffset? spendAsOf, params InstanceSnapshot[] instances) =>
        _aws.Reads[A] = account => new AccountReadResult
        {
            Account = account,
            Complete = true,
            Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = A, Instances = instances, MonthToDateUsd = monthToDate, BilledUsd = billed, SpendAsOf = spendAsOf },
        };

    private async Task<AccountStatus> BuildAsync(PolicyMode mode, AccountStatus? previous = null) =>
        await TryBuildAsync(mode, previous) ?? throw new InvalidOperationException("no status built");

    private async Task<AccountStatus?> TryBuildAsync(PolicyMode mode, AccountStatus? previous)
    {
        var policy = new Policy
        {
            Name = "gpu-guard",
            Mode = mode,
            Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = A, Regions = ["us-east-1"] }],
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        };
        var sweep = new GuardSweep([_aws], new InMemoryStateStore(), new RecordingNotifier(), _time);
        var result = await sweep.RunAsync(policy, new SweepOptions { Act = true, SweepId = "gpu-guard@2026-11-26T09:00:00Z" }, CancellationToken.None);
        var message = new SweepMessage { SweepId = result.SweepId, Policy = policy.Name, PolicyHash = "h", Cloud = "aws", Account = A };
        return AccountStatusBuilder.Build(policy, message, result, _time.GetUtcNow(), previous);
    }

    private static InstanceSnapshot Instance(string id, double gpu, decimal usdPerHour) => new()
    {
        Cloud = CloudKind.Aws,
        Account = A,
        Region = "us-east-1",
        Id = id,
        Type = "g5.xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddHours(-5),
        UsdPerHour = usdPerHour,
        Samples = Enumerable.Range(0, 13).Select(i => new UtilizationSample(Now.AddMinutes(-60 + (5 * i)), gpu, 10)).ToList(),
    };
}
