using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Aws;

/// <summary>Three accounts x two regions through the real SDK, the fake AWS, the engine and the sweep.</summary>
public sealed class FleetFixtureTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";
    private const string C = "333333333333";

    [Fact]
    public async Task Sweep_FleetFixture_ProducesExactlyTheExpectedDecisionsAndApplies()
    {
        await using var aws = new AwsHarness();
        Build(aws);
        var store = new FixtureStateStore();
        var sweep = new GuardSweep([aws.Provider()], store, notifier: null, aws.Time, aws.Requests);

        var result = await sweep.RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        Assert.All(result.Reads, r => Assert.True(r.Complete, string.Join("; ", r.Problems)));
        var decisions = result.Plan.Actions.Select(a => $"{PlanWords.Action(a.Action)} {PlanWords.Reason(a.Reason)} {a.Instance.Id}").Order().ToList();
        Assert.Equal(FleetFixture.ExpectedDecisions, decisions);
        Assert.All(result.Outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        Assert.Equal("stopping", aws.Cloud.Get("i-a2-idle").State);
        Assert.Equal("stopping", aws.Cloud.Get("i-b2-busy").State);
        Assert.Equal("running", aws.Cloud.Get("i-a1-busy").State);
        Assert.Equal("running", aws.Cloud.Get("i-c1-exempt").State);
        Assert.True(aws.Cloud.Get("i-a4-untagged").Tags.ContainsKey("costguard:orphan"));
        Assert.Equal(1, result.Requests["ce:GetCostAndUsage"]);
        Assert.Equal(3, result.Requests["sts:AssumeRole"]);
        Assert.Equal(6, aws.Server.Requests.Count(r => r.Operation == "DescribeInstances" && r.Body.Contains("instance-type", StringComparison.Ordinal)));
        Assert.Contains(result.Reads.Single(r => r.Account.Id == A).Notes, n => n.InstanceId == "i-a3-nometrics" && n.Note.StartsWith("missing metrics", StringComparison.Ordinal));
        Assert.Equal(6, store.Audit.Count(r => r.Outcome == "applied"));
    }

    [Fact]
    public async Task Sweep_OneRegionFailing_ActsOnOtherAccountsOnly()
    {
        await using var aws = new AwsHarness();
        Build(aws);
        aws.Server.Script(r => r.Operation == "DescribeInstances" && r.SigningRegion == "us-west-2" && r.AccessKey == "ASIA" + A,
            FakeReply.Ec2Error(503, "ec2/Error-RequestLimitExceeded.xml"), times: 100);
        var sweep = new GuardSweep([aws.Provider()], new FixtureStateStore(), notifier: null, aws.Time, aws.Requests);

        var result = await sweep.RunAsync(Policy(), new SweepOptions { Act = true }, CancellationToken.None);

        var failed = Assert.Single(result.Reads, r => !r.Complete);
        Assert.Equal(A, failed.Account.Id);
        Assert.All(result.Outcomes.Where(o => o.Action.Instance.Account == A), o => Assert.Equal(ActionStatus.Skipped, o.Status));
        Assert.Equal("running", aws.Cloud.Get("i-a2-idle").State);
        Assert.Equal("stopping", aws.Cloud.Get("i-b1-busy").State);
        Assert.Equal("stopping", aws.Cloud.Get("i-c2-orphan").State);
        Assert.Contains(result.Plan.Alerts, a => a.Kind == AlertKind.GuardFailure && a.Account == A);
    }

    internal static Policy Policy() => new()
    {
        Name = "fleet-fixture",
        Mode = PolicyMode.Enforce,
        Accounts = [AwsHarness.Account(A, "us-east-1", "us-west-2"), AwsHarness.Account(B, "us-east-1", "us-west-2"), AwsHarness.Account(C, "us-east-1", "us-west-2")],
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) },
        Exemptions = new ExemptionRule(),
        SpendCap = new SpendCapRule { PerAccount = new Dictionary<string, AccountCapOverride> { [B] = new() { MonthlyUsd = 1000m } } },
    };

    internal static void Build(AwsHarness aws) => FleetFixture.Build(aws.Cloud);
}
