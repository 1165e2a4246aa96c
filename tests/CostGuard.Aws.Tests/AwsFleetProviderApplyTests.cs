using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Aws;

public sealed class AwsFleetProviderApplyTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task Apply_StopsBatchedAndSkipsAlreadyStopped()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Add("i-b", Account, "us-east-1");
        aws.Add("i-c", Account, "us-east-1", state: "stopped");
        var account = AwsHarness.Account(Account, "us-east-1");
        var actions = new[] { Stop("i-a"), Stop("i-b"), Stop("i-c"), Stop("i-gone") };

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, actions, CancellationToken.None);

        Assert.Equal([ActionStatus.Applied, ActionStatus.Applied, ActionStatus.AlreadyDone, ActionStatus.NotFound], outcomes.Select(o => o.Status));
        Assert.Same(actions[3], outcomes[3].Action);
        var stop = Assert.Single(aws.Server.Requests, r => r.Operation == "StopInstances");
        Assert.Equal(["i-a", "i-b"], Form.List(Form.Parse(stop.Body), "InstanceId"));
        Assert.Equal("stopping", aws.Cloud.Get("i-a").State);
        Assert.Equal("stopped", aws.Cloud.Get("i-c").State);
    }

    [Fact]
    public async Task Apply_StopDenied_ReportsDeniedAndChangesNothing()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Server.Script("StopInstances", FakeReply.Ec2Error(403, "ec2/Error-UnauthorizedOperation.xml"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, [Stop("i-a")], CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.StartsWith("StopInstances: UnauthorizedOperation:", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("running", aws.Cloud.Get("i-a").State);
    }

    [Fact]
    public async Task Apply_TerminateWithoutTerminateAfter_Skipped()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1", state: "stopped");
        var account = AwsHarness.Account(Account, "us-east-1");

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, [Terminate("i-a")], CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, Assert.Single(outcomes).Status);
        Assert.Equal(0, aws.Server.Count("TerminateInstances"));
        Assert.Equal("stopped", aws.Cloud.Get("i-a").State);
    }

    [Fact]
    public async Task Apply_TerminateAllowed_TerminatesOnce()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1", state: "stopped").Tags["costguard:orphan"] = "2026-01-01T00:00:00Z";
        var account = AwsHarness.Account(Account, "us-east-1");
        var policy = AwsHarness.Policy(account) with { Orphans = new OrphanRule { RequiredTags = ["owner"], TerminateAfter = TimeSpan.FromDays(7) } };

        var first = await aws.Provider().ApplyAsync(policy, account, [Terminate("i-a")], CancellationToken.None);
        var second = await aws.Provider().ApplyAsync(policy, account, [Terminate("i-a")], CancellationToken.None);

        Assert.Equal(ActionStatus.Applied, Assert.Single(first).Status);
        Assert.Equal(ActionStatus.AlreadyDone, Assert.Single(second).Status);
        Assert.Equal(1, aws.Server.Count("TerminateInstances"));
    }

    [Fact]
    public async Task Apply_TagsBatchedPerKeyValue_AndIdempotent()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Add("i-b", Account, "us-east-1");
        aws.Add("i-c", Account, "us-east-1").Tags["costguard:orphan"] = "2026-01-15T12:02:00Z";
        aws.Add("i-d", Account, "us-east-1").Tags["costguard:orphan"] = "2026-01-01T00:00:00Z";
        var account = AwsHarness.Account(Account, "us-east-1");
        PlannedAction[] actions =
        [
            Tag("i-a", "2026-01-15T12:02:00Z"), Tag("i-b", "2026-01-15T12:02:00Z"), Tag("i-c", "2026-01-15T12:02:00Z"),
            Untag("i-d"), Untag("i-a"),
        ];

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, actions, CancellationToken.None);

        Assert.Equal([ActionStatus.Applied, ActionStatus.Applied, ActionStatus.AlreadyDone, ActionStatus.Applied, ActionStatus.AlreadyDone], outcomes.Select(o => o.Status));
        var create = Assert.Single(aws.Server.Requests, r => r.Operation == "CreateTags");
        Assert.Equal(["i-a", "i-b"], Form.List(Form.Parse(create.Body), "ResourceId"));
        Assert.Equal(1, aws.Server.Count("DeleteTags"));
        Assert.Equal("2026-01-15T12:02:00Z", aws.Cloud.Get("i-b").Tags["costguard:orphan"]);
        Assert.False(aws.Cloud.Get("i-d").Tags.ContainsKey("costguard:orphan"));
    }

    [Fact]
    public async Task Apply_TwoRegions_EachActsInItsOwnRegion()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-east", Account, "us-east-1");
        aws.Add("i-west", Account, "us-west-2");
        var account = AwsHarness.Account(Account, "us-east-1", "us-west-2");

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, [Stop("i-east"), Stop("i-west", "us-west-2")], CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        Assert.Equal(["us-east-1", "us-west-2"], aws.Server.Requests.Where(r => r.Operation == "StopInstances").Select(r => r.SigningRegion).Order());
    }

    [Fact]
    public async Task Apply_SessionExpiredDuringApply_AssumesAgainAndApplies()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Server.Script("StopInstances", FakeReply.Ec2Error(400, "ec2/Error-RequestExpired.xml"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var outcomes = await aws.Provider().ApplyAsync(AwsHarness.Policy(account), account, [Stop("i-a")], CancellationToken.None);

        Assert.Equal(ActionStatus.Applied, Assert.Single(outcomes).Status);
        Assert.Equal(2, aws.Server.Count("AssumeRole"));
        Assert.Equal(2, aws.Server.Count("StopInstances"));
        Assert.Equal("stopping", aws.Cloud.Get("i-a").State);
    }

    internal static PlannedAction Stop(string id, string region = "us-east-1") => Action(ActionKind.Stop, ActionReason.Idle, id, region);

    private static PlannedAction Terminate(string id) => Action(ActionKind.Terminate, ActionReason.Orphan, id, "us-east-1");

    private static PlannedAction Tag(string id, string value) =>
        Action(ActionKind.Tag, ActionReason.Orphan, id, "us-east-1") with { TagKey = "costguard:orphan", TagValue = value };

    private static PlannedAction Untag(string id) => Action(ActionKind.Untag, ActionReason.Orphan, id, "us-east-1") with { TagKey = "costguard:orphan" };

    private static PlannedAction Action(ActionKind kind, ActionReason reason, string id, string region) => new()
    {
        Action = kind,
        Reason = reason,
        Detail = "test",
        Instance = new InstanceSnapshot
        {
            Cloud = CloudKind.Aws,
            Account = Account,
            Region = region,
            Id = id,
            Type = "g5.xlarge",
            State = InstanceState.Running,
            LaunchTime = AwsHarness.Now,
        },
    };
}
