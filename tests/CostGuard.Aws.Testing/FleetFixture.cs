namespace CostGuard.Aws.Testing;

/// <summary>
/// Three accounts x two regions with one instance per interesting case, at <see cref="Now"/>. With the
/// fixture policy (<see cref="PolicyJson"/>) the expected decisions are <see cref="ExpectedDecisions"/>.
/// </summary>
public static class FleetFixture
{
    public const string A = "111111111111";
    public const string B = "222222222222";
    public const string C = "333333333333";

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 2, 0, TimeSpan.Zero);

    /// <summary>"action reason instance", sorted.</summary>
    public static readonly IReadOnlyList<string> ExpectedDecisions =
    [
        "stop idle i-a2-idle",
        "stop idle i-a3-nometrics",
        "stop monthly-cap i-b1-busy",
        "stop monthly-cap i-b2-busy",
        "stop orphan i-c2-orphan",
        "tag orphan i-a4-untagged",
    ];

    public const string PolicyJson = """
        {
          "name": "fleet-fixture",
          "mode": "enforce",
          "accounts": [
            { "cloud": "aws", "id": "111111111111", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::111111111111:role/CostGuardReadStop" },
            { "cloud": "aws", "id": "222222222222", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::222222222222:role/CostGuardReadStop" },
            { "cloud": "aws", "id": "333333333333", "regions": ["us-east-1", "us-west-2"], "roleArn": "arn:aws:iam::333333333333:role/CostGuardReadStop" }
          ],
          "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
          "orphans": { "requiredTags": ["owner"], "stopAfter": "P1D" },
          "exemptions": { "tag": "costguard:exempt-until" },
          "spendCap": { "perAccount": { "222222222222": { "monthlyUsd": 1000 } } }
        }
        """;

    public static void Build(FakeAwsCloud cloud)
    {
        FakeInstance Add(string id, string account, string region, string type = "g5.xlarge", string state = "running", double? gpu = 50, double? cpu = 20) =>
            cloud.Add(new FakeInstance { Id = id, Account = account, Region = region, Type = type, State = state, GpuPercent = gpu, CpuPercent = cpu, LaunchTime = Now.AddHours(-2) });

        Add("i-a1-busy", A, "us-east-1", gpu: 85).Tags.Add("owner", "alice");
        Add("i-a2-idle", A, "us-east-1", gpu: 1, cpu: 3).Tags.Add("owner", "bob");
        Add("i-a3-nometrics", A, "us-west-2", "p4d.24xlarge", gpu: null, cpu: 40).Tags.Add("owner", "carol");
        Add("i-a4-untagged", A, "us-west-2", state: "stopped");
        Add("i-b1-busy", B, "us-east-1", gpu: 70).Tags.Add("owner", "dave");
        Add("i-b2-busy", B, "us-west-2", gpu: 75).Tags.Add("owner", "erin");
        var exempt = Add("i-c1-exempt", C, "us-east-1", gpu: 0);
        exempt.Tags.Add("owner", "frank");
        exempt.Tags.Add("costguard:exempt-until", "2026-01-16T00:00:00Z");
        Add("i-c2-orphan", C, "us-west-2", gpu: 60).Tags.Add("costguard:orphan", "2026-01-13T00:00:00Z");
        Add("i-other-cpu", C, "us-east-1", "m5.large", gpu: 0);
        cloud.Costs.Add(new FakeCost(A, new DateOnly(2026, 1, 10), "alice", 400m));
        cloud.Costs.Add(new FakeCost(B, new DateOnly(2026, 1, 12), "dave", 1200m));
        cloud.Costs.Add(new FakeCost(C, new DateOnly(2026, 1, 14), "frank", 10m));
    }
}
