using CostGuard.Fleet;
using CostGuard.Policies;
using static CostGuard.Engine.TestFleet;

namespace CostGuard.Engine;

public sealed class IdleRuleTests
{
    private static readonly IdleRule Rule = new() { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 };

    private static Policy IdlePolicy(IdleRule? rule = null) => Policy(p => p with { Idle = rule ?? Rule });

    [Fact]
    public void Evaluate_IdleLongerThanWindow_StopsInstance()
    {
        var clock = Clock();
        var instance = Gpu("i-idle", Start.AddHours(-3), samples: Idle(Start));

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), clock);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(ActionKind.Stop, action.Action);
        Assert.Equal(ActionReason.Idle, action.Reason);
        Assert.Equal("GPU below 5% for 30 min", action.Detail);
    }

    [Fact]
    public void Evaluate_IdleFrom1900_StoppedAt1930NeverBefore()
    {
        // Busy until 18:55, idle samples every 5 minutes from 19:00; sweeps every 5 minutes.
        var day = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var samples = Samples(day.AddHours(17), day.AddHours(18).AddMinutes(55), TimeSpan.FromMinutes(5), 80)
            .Concat(Samples(day.AddHours(19), day.AddHours(21), TimeSpan.FromMinutes(5), 0))
            .ToList();
        var instance = Gpu("i-1", day.AddHours(17), samples: samples);
        var clock = Clock(day.AddHours(18).AddMinutes(55));
        DateTimeOffset? stoppedAt = null;

        while (stoppedAt is null && clock.GetUtcNow() <= day.AddHours(21))
        {
            if (Stopped(Evaluate(IdlePolicy(), Snapshot(instance), clock)).Count > 0)
            {
                stoppedAt = clock.GetUtcNow();
            }

            clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(day.AddHours(19).AddMinutes(30), stoppedAt);
    }

    [Fact]
    public void Evaluate_SampleInEffectAtWindowStart_Counts()
    {
        // A busy sample at 18:58 holds until the next sample at 19:01, so it is in effect at 19:00.
        var samples = new List<UtilizationSample> { new(Start.AddMinutes(-32), 90, 50) };
        samples.AddRange(Samples(Start.AddMinutes(-29), Start, TimeSpan.FromMinutes(1), 0));
        var instance = Gpu("i-1", Start.AddHours(-2), samples: samples);

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_LaunchedExactlyOneWindowAgo_IsJudged()
    {
        var instance = Gpu("i-1", Start.AddMinutes(-30), samples: Samples(Start.AddMinutes(-30), Start, TimeSpan.FromMinutes(1), 0));

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Equal(["i-1"], Stopped(plan, ActionReason.Idle));
    }

    [Fact]
    public void Evaluate_LaunchedLessThanOneWindowAgo_IsLeftAlone()
    {
        var instance = Gpu("i-1", Start.AddMinutes(-30).AddSeconds(1), samples: Samples(Start.AddMinutes(-29), Start, TimeSpan.FromMinutes(1), 0));

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_GpuExactlyAtThreshold_IsActive()
    {
        var instance = Gpu("i-1", Start.AddHours(-2), samples: Samples(Start.AddHours(-1), Start, TimeSpan.FromMinutes(1), 5));

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_OneBusySampleInsideWindow_IsActive()
    {
        var samples = Idle(Start);
        samples[^10] = samples[^10] with { GpuPercent = 40 };
        var instance = Gpu("i-1", Start.AddHours(-2), samples: samples);

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_NoMetricsAndMissingIsIdle_FailsClosedAndStops()
    {
        var instance = Gpu("i-1", Start.AddHours(-2));

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        var action = Assert.Single(plan.Actions);
        Assert.Equal(ActionReason.Idle, action.Reason);
        Assert.Contains("no utilization metrics", action.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoMetricsAndMissingIsActive_LeavesRunning()
    {
        var instance = Gpu("i-1", Start.AddHours(-2));

        var plan = Evaluate(IdlePolicy(Rule with { MissingMetrics = MissingMetricsTreatment.Active }), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_GapInMetricsAndMissingIsActive_LeavesRunning()
    {
        var samples = Idle(Start);
        samples[^5] = samples[^5] with { GpuPercent = null };
        var instance = Gpu("i-1", Start.AddHours(-2), samples: samples);

        var plan = Evaluate(IdlePolicy(Rule with { MissingMetrics = MissingMetricsTreatment.Active }), Snapshot(instance), Clock());

        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Evaluate_GapInMetricsAndMissingIsIdle_Stops()
    {
        var samples = Idle(Start);
        samples[^5] = samples[^5] with { GpuPercent = null };
        var instance = Gpu("i-1", Start.AddHours(-2), samples: samples);

        var plan = Evaluate(IdlePolicy(), Snapshot(instance), Clock());

        Assert.Equal(["i-1"], Stopped(plan, ActionReason.Idle));
    }

    [Fact]
    public void Evaluate_NoSampleBeforeWindowStartAndMissingIsActive_LeavesRunning()
    {
        // Idle samples only from 10 minutes into the window: the first 10 minutes have no data.
        var instance = Gpu("i-1", Start.AddHours(-2), samples: Samples(Start.AddMinutes(-20), Start, TimeSpan.FromMinutes(1), 0));

        Assert.Empty(Evaluate(IdlePolicy(Rule with { MissingMetrics = MissingMetricsTreatment.Active }), Snapshot(instance), Clock()).Actions);
        Assert.Equal(["i-1"], Stopped(Evaluate(IdlePolicy(), Snapshot(instance), Clock())));
    }

    [Fact]
    public void Evaluate_CpuBusyWhileGpuIdle_IsActiveWhenCpuThresholdSet()
    {
        var instance = Gpu("i-1", Start.AddHours(-2), samples: Samples(Start.AddHours(-1), Start, TimeSpan.FromMinutes(1), 0, cpu: 55));

        Assert.Empty(Evaluate(IdlePolicy(Rule with { CpuUtilBelow = 10 }), Snapshot(instance), Clock()).Actions);
        Assert.Equal(["i-1"], Stopped(Evaluate(IdlePolicy(), Snapshot(instance), Clock())));
    }

    [Fact]
    public void Evaluate_MissingCpuValue_FollowsMissingMetrics()
    {
        var instance = Gpu("i-1", Start.AddHours(-2), samples: Samples(Start.AddHours(-1), Start, TimeSpan.FromMinutes(1), 0, cpu: null));

        Assert.Equal(["i-1"], Stopped(Evaluate(IdlePolicy(Rule with { CpuUtilBelow = 10 }), Snapshot(instance), Clock())));
        Assert.Empty(Evaluate(
            IdlePolicy(Rule with { CpuUtilBelow = 10, MissingMetrics = MissingMetricsTreatment.Active }), Snapshot(instance), Clock()).Actions);
    }

    [Fact]
    public void Evaluate_StoppedInstance_IsNotStoppedAgain()
    {
        var instance = Gpu("i-1", Start.AddHours(-2), state: InstanceState.Stopped);

        Assert.Empty(Evaluate(IdlePolicy(), Snapshot(instance), Clock()).Actions);
    }

    [Fact]
    public void Evaluate_AzurePoweredOffVm_IsStillBilledAndDeallocated()
    {
        var instance = Gpu("vm-1", Start.AddHours(-2), type: "Standard_NC24ads_A100_v4", state: InstanceState.PoweredOff, cloud: CloudKind.Azure);

        Assert.Equal(["vm-1"], Stopped(Evaluate(IdlePolicy(), Snapshot(instance), Clock())));
    }

    [Fact]
    public void Evaluate_NonGpuInstance_IsNeverTouched()
    {
        var instance = Gpu("i-cpu", Start.AddHours(-2), type: "m5.xlarge", tags: new Dictionary<string, string>());
        var policy = IdlePolicy() with { Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.Zero } };

        Assert.Empty(Evaluate(policy, Snapshot(instance), Clock()).Actions);
    }

    [Fact]
    public void Evaluate_NoIdleSection_NeverStopsForIdle()
    {
        var instance = Gpu("i-1", Start.AddHours(-2));

        Assert.Empty(Evaluate(Policy(), Snapshot(instance), Clock()).Actions);
    }
}
