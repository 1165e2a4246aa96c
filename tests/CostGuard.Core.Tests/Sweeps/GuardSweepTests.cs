using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Sweeps;

public sealed class GuardSweepTests
{
    private const string A = "111122223333";
    private const string B = "444455556666";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    private readonly FakeFleetProvider _aws = new(CloudKind.Aws);
    private readonly InMemoryStateStore _state = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly FakeTimeProvider _time = new(Now);

    public GuardSweepTests()
    {
        _aws.Reads[A] = account => Read(account, Idle("i-a-idle", A), Busy("i-a-busy", A));
        _aws.Reads[B] = account => Read(account, Idle("i-b-idle", B));
    }

    [Fact]
    public async Task RunAsync_EnforceAndAct_StopsIdleInstancesAuditsAndSavesMemory()
    {
        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.True(result.Acted);
        Assert.Equal(["i-a-idle", "i-b-idle"], result.Plan.Actions.Select(a => a.Instance.Id).Order());
        Assert.All(result.Outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        Assert.Equal([A, B], _aws.Applied.Select(a => a.Account).Order());
        Assert.Equal(["applied", "applied"], _state.Audit.Where(r => r.Action == "stop" && r.Kind == AuditKinds.Outcome).Select(r => r.Outcome));
        Assert.Equal(2, _state.Audit.Count(r => r.Action == "stop" && r.Kind == AuditKinds.Intent));
        Assert.All(_state.Audit, r => Assert.Equal("enforce", r.Mode));
        Assert.True(_state.Memories.ContainsKey("sweep-test"));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_DryRunPolicy_PlansAuditsAsPlannedAndNeverApplies()
    {
        var result = await Sweep().RunAsync(Policy() with { Mode = PolicyMode.DryRun }, new SweepOptions { Act = true }, CancellationToken.None);

        Assert.False(result.Acted);
        Assert.Equal(2, result.Plan.Actions.Count);
        Assert.Empty(_aws.Applied);
        Assert.Empty(result.Outcomes);
        Assert.All(_state.Audit.Where(r => r.Action == "stop"), r => Assert.Equal(("planned", "dry-run"), (r.Outcome, r.Mode)));
    }

    [Fact]
    public async Task RunAsync_PlanOnly_NeitherSavesMemoryNorNotifies()
    {
        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = false }, CancellationToken.None);

        Assert.False(result.Acted);
        Assert.Empty(_aws.Applied);
        Assert.Empty(_state.Memories);
        Assert.Empty(_notifier.Batches);
        Assert.Null(result.Delivery);
        Assert.Equal(2, _state.Audit.Count(r => r.Outcome == "planned"));
    }

    [Fact]
    public async Task RunAsync_IncompleteAccount_SkipsItsActionsAndRaisesGuardFailure()
    {
        _aws.Reads[B] = account => Read(account, Idle("i-b-idle", B)) with { Complete = false, Problems = ["us-west-2: EC2 DescribeInstances failed: InternalError"] };

        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        var held = Assert.Single(result.Held);
        Assert.Equal((B, "us-west-2: EC2 DescribeInstances failed: InternalError"), (held.Action.Instance.Account, held.Why));
        Assert.DoesNotContain(result.Outcomes, o => o.Action.Instance.Account == B);
        Assert.Equal([A], _aws.Applied.Select(a => a.Account));
        var alert = Assert.Single(result.Plan.Alerts, a => a.Kind == AlertKind.GuardFailure);
        Assert.Equal(B, alert.Account);
        Assert.Contains("InternalError", alert.Message, StringComparison.Ordinal);
        Assert.Contains(_notifier.Batches.Single().Alerts, a => a.Kind == AlertKind.GuardFailure);
        Assert.Contains(_state.Audit, r => r.Action == "stop" && r.Account == B && r.Outcome == "held: account read incomplete");
        Assert.DoesNotContain(_state.Audit, r => r.Account == B && r.Kind == AuditKinds.Intent);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_ProviderThrowsForOneAccount_OtherAccountStillRead()
    {
        _aws.Reads[B] = _ => throw new InvalidOperationException("boom");

        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.Equal(["i-a-idle"], result.Plan.Actions.Select(a => a.Instance.Id));
        var failed = Assert.Single(result.Reads, r => !r.Complete);
        Assert.Contains("boom", Assert.Single(failed.Problems), StringComparison.Ordinal);
        Assert.Single(result.Plan.Alerts, a => a.Kind == AlertKind.GuardFailure && a.Account == B);
    }

    [Fact]
    public async Task RunAsync_NoProviderForCloud_ReportsAccountAsFailed()
    {
        var policy = Policy() with { Accounts = [.. Policy().Accounts, new AccountScope { Cloud = CloudKind.Azure, Id = "sub-1" }] };

        var result = await Sweep().RunAsync(policy, new SweepOptions(), CancellationToken.None);

        var azure = Assert.Single(result.Reads, r => r.Account.Cloud == CloudKind.Azure);
        Assert.False(azure.Complete);
        Assert.Equal("no azure provider is configured for this run", Assert.Single(azure.Problems));
    }

    [Fact]
    public async Task RunAsync_DeniedAction_RaisesGuardFailureAndNotifiesOutcomes()
    {
        _aws.ApplyStatus = ActionStatus.Denied;

        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.Equal(2, result.Plan.Alerts.Count(a => a.Kind == AlertKind.GuardFailure));
        Assert.Equal(2, _notifier.Batches.Single().Actions.Count);
        Assert.All(_state.Audit.Where(r => r.Action == "stop" && r.Kind == AuditKinds.Outcome), r => Assert.Equal("denied", r.Outcome));
    }

    [Fact]
    public async Task RunAsync_NotifierThrows_RecordedAndActionsStand()
    {
        _notifier.Throw = true;

        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.Equal(2, _aws.Applied.Sum(a => a.Actions.Count));
        Assert.False(result.Delivery!.AllSucceeded);
        Assert.Contains("slack is down", result.Delivery.Results.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AuditStoreFails_SendsNothingWithoutAnIntent()
    {
        _state.FailAudit = true;

        var result = await Sweep().RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.Empty(_aws.Applied);
        Assert.False(result.Acted);
        Assert.All(result.Outcomes, o => Assert.Equal(ActionStatus.Skipped, o.Status));
        Assert.Contains(result.Problems, p => p.Contains("intent records failed (disk full)", StringComparison.Ordinal));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_StoredMemory_IsHandedToTheEngine()
    {
        var remembered = new GuardMemory { RaisedAlerts = new Dictionary<string, DateTimeOffset> { ["x"] = Now } };
        _state.Memories["sweep-test"] = remembered;
        FleetSnapshot? seen = null;
        var sweep = new GuardSweep([_aws], _state, _notifier, _time, evaluate: (policy, snapshot, now) =>
        {
            seen = snapshot;
            return new DecisionEngine().Evaluate(policy, snapshot, now);
        });

        await sweep.RunAsync(Policy(), new SweepOptions(), CancellationToken.None);

        Assert.Same(remembered, seen!.Memory);
        Assert.Equal(2, seen.Accounts.Count);
    }

    [Fact]
    public async Task RunAsync_BudgetGrantsFewerThanPlanned_DefersTheRestWithActionLimitAlert()
    {
        var budget = new InMemorySweepBudget();
        var policy = Policy() with { Safety = new SafetyRule { MaxActionsPerSweep = 1 } };
        await budget.ClaimAsync("sweep-1", "aws:999999999999", 1, 1, CancellationToken.None);

        var result = await Sweep().RunAsync(policy, new SweepOptions { Act = true, SweepId = "sweep-1", Accounts = [policy.Accounts[0]], Budget = budget }, CancellationToken.None);

        Assert.Empty(result.Plan.Actions);
        Assert.Equal(["i-a-idle"], result.Plan.Deferred.Select(a => a.Instance.Id));
        Assert.Empty(_aws.Applied);
        var alert = Assert.Single(result.Plan.Alerts, a => a.Kind == AlertKind.ActionLimit);
        Assert.Contains("1 were planned, 1 deferred (111122223333: 1)", alert.Message, StringComparison.Ordinal);
        Assert.Equal(("sweep-1", "aws:111122223333", 1), budget.Claims[^1]);
        Assert.Equal([A], result.Reads.Select(r => r.Account.Id));
    }

    [Fact]
    public async Task RunAsync_BudgetSharedByAccountSweeps_GrantsTheLimitOnceAcrossThem()
    {
        var budget = new InMemorySweepBudget();
        var policy = Policy() with { Safety = new SafetyRule { MaxActionsPerSweep = 1 } };

        var first = await Sweep().RunAsync(policy, new SweepOptions { Act = true, SweepId = "s", Accounts = [policy.Accounts[0]], Budget = budget }, CancellationToken.None);
        var second = await Sweep().RunAsync(policy, new SweepOptions { Act = true, SweepId = "s", Accounts = [policy.Accounts[1]], Budget = budget }, CancellationToken.None);

        Assert.Equal(["i-a-idle"], first.Plan.Actions.Select(a => a.Instance.Id));
        Assert.Equal(["i-b-idle"], second.Plan.Deferred.Select(a => a.Instance.Id));
        Assert.Equal([A], _aws.Applied.Select(a => a.Account));
    }

    private GuardSweep Sweep() => new([_aws], _state, _notifier, _time);

    private static Policy Policy() => new()
    {
        Name = "sweep-test",
        Mode = PolicyMode.Enforce,
        Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = A, Regions = ["us-east-1"] }, new AccountScope { Cloud = CloudKind.Aws, Id = B, Regions = ["us-east-1"] }],
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
    };

    private static AccountReadResult Read(AccountScope account, params InstanceSnapshot[] instances) => new()
    {
        Account = account,
        Complete = true,
        Snapshot = new AccountSnapshot { Cloud = CloudKind.Aws, Id = account.Id, Instances = instances },
    };

    private static InstanceSnapshot Idle(string id, string account) => Instance(id, account, 0);

    private static InstanceSnapshot Busy(string id, string account) => Instance(id, account, 90);

    private static InstanceSnapshot Instance(string id, string account, double gpu) => new()
    {
        Cloud = CloudKind.Aws,
        Account = account,
        Region = "us-east-1",
        Id = id,
        Type = "g5.xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddHours(-3),
        UsdPerHour = 1.006m,
        Samples = Enumerable.Range(0, 13).Select(i => new UtilizationSample(Now.AddMinutes(-60 + (5 * i)), gpu, 10)).ToList(),
    };
}
