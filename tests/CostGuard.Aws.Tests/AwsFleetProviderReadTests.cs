using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Aws;

public sealed class AwsFleetProviderReadTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task ReadAccount_RecordedDescribeInstancesPages_FollowsNextTokenAndMapsBoth()
    {
        await using var aws = new AwsHarness();
        aws.Server.Script(r => r.Operation == "DescribeInstances" && !r.Body.Contains("NextToken", StringComparison.Ordinal), FakeReply.Recorded("ec2/DescribeInstances.xml", "text/xml;charset=UTF-8"));
        aws.Server.Script(r => r.Operation == "DescribeInstances" && r.Body.Contains("NextToken=eyJ2IjoiMiJ9", StringComparison.Ordinal), FakeReply.Recorded("ec2/DescribeInstances-LastPage.xml", "text/xml;charset=UTF-8"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        var instances = result.Snapshot!.Instances.OrderBy(i => i.Id).ToList();
        Assert.Equal(["i-0abc1234def567890", "i-0def5678abc901234"], instances.Select(i => i.Id));
        var p4d = instances[0];
        Assert.Equal("p4d.24xlarge", p4d.Type);
        Assert.Equal(InstanceState.Running, p4d.State);
        Assert.True(p4d.Spot);
        Assert.Equal("train-llm-01", p4d.Tag("Name"));
        Assert.Equal(new DateTimeOffset(2026, 1, 14, 8, 15, 42, TimeSpan.Zero), p4d.LaunchTime);
        Assert.Equal(21.96m, p4d.UsdPerHour);
        Assert.Equal(InstanceState.Stopped, instances[1].State);
        Assert.Equal(2, aws.Server.Count("DescribeInstances"));
        var first = Form.Parse(aws.Server.Requests.First(r => r.Operation == "DescribeInstances").Body);
        Assert.Equal("1000", first["MaxResults"]);
        Assert.Equal("instance-type", first["Filter.1.Name"]);
        Assert.Contains("p4d.*", Form.List(first, "Filter.1.Value"));
        Assert.Equal(["pending", "running", "stopping", "stopped"], Form.List(first, "Filter.2.Value"));
        Assert.Contains(result.Notes, n => n.InstanceId == "i-0abc1234def567890" && n.Note.StartsWith("missing metrics: no CWAgent/nvidia_smi_utilization_gpu", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.InstanceId == "i-0abc1234def567890" && n.Note.StartsWith("spot instance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAccount_ManyPages_ReadsEveryInstanceOnce()
    {
        await using var aws = new AwsHarness();
        aws.Cloud.Ec2PageLimit = 3;
        for (var i = 0; i < 7; i++)
        {
            aws.Add($"i-{i:D17}", Account, "us-east-1");
        }

        var account = AwsHarness.Account(Account, "us-east-1");
        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.Equal(7, result.Snapshot!.Instances.Select(i => i.Id).Distinct().Count());
        Assert.Equal(3, aws.Requests.Get("ec2", "DescribeInstances"));
    }

    [Fact]
    public async Task ReadAccount_TwoRegionsBehindOneEndpoint_SignsEachForItsRegion()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-east", Account, "us-east-1");
        aws.Add("i-west", Account, "us-west-2", "p4d.24xlarge");
        var account = AwsHarness.Account(Account, "us-east-1", "us-west-2");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.Equal(["i-east:us-east-1", "i-west:us-west-2"], result.Snapshot!.Instances.Select(i => $"{i.Id}:{i.Region}").Order());
        Assert.Equal(["us-east-1", "us-west-2"], aws.Server.Requests.Where(r => r.Operation == "DescribeInstances").Select(r => r.SigningRegion).Order());
        Assert.Equal(["us-east-1", "us-west-2"], aws.Server.Requests.Where(r => r.Operation == "GetMetricData").Select(r => r.SigningRegion).Order());
    }

    [Fact]
    public async Task ReadAccount_Metrics_BuildsSamplePerPeriodWithNullWhereNoData()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-busy", Account, "us-east-1", gpu: 80, cpu: 30);
        aws.Add("i-nogpu", Account, "us-east-1", gpu: null, cpu: 2);
        aws.Add("i-stopped", Account, "us-east-1", state: "stopped");
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        var byId = result.Snapshot!.Instances.ToDictionary(i => i.Id);

        // 12:02 with a 30 min window: whole 5-minute periods from 11:30 to the last complete one (11:55).
        Assert.Equal(6, byId["i-busy"].Samples.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 30, 0, TimeSpan.Zero), byId["i-busy"].Samples[0].Time);
        Assert.All(byId["i-busy"].Samples, s => Assert.Equal((80d, 30d), (s.GpuPercent!.Value, s.CpuPercent!.Value)));
        Assert.All(byId["i-nogpu"].Samples, s => Assert.Null(s.GpuPercent));
        Assert.All(byId["i-nogpu"].Samples, s => Assert.Equal(2d, s.CpuPercent));
        Assert.Empty(byId["i-stopped"].Samples);
        var note = Assert.Single(result.Notes, n => n.Note.StartsWith("missing metrics", StringComparison.Ordinal));
        Assert.Equal("i-nogpu", note.InstanceId);
        var body = aws.Server.Requests.Single(r => r.Operation == "GetMetricData").Body;
        Assert.Contains("\"Namespace\":\"CWAgent\",\"MetricName\":\"nvidia_smi_utilization_gpu\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Stat\":\"Maximum\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccount_1200RunningInstances_BatchesGetMetricDataAt500Queries()
    {
        await using var aws = new AwsHarness();
        for (var i = 0; i < 600; i++)
        {
            aws.Add($"i-{i:D17}", Account, "us-east-1");
        }

        var account = AwsHarness.Account(Account, "us-east-1");
        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(3, aws.Requests.Get("cloudwatch", "GetMetricData"));
        Assert.All(result.Snapshot!.Instances, i => Assert.Equal(50d, i.Samples[^1].GpuPercent));
    }

    [Fact]
    public async Task ReadAccount_PricingOverrides_DiscountAndExplicitRateAndUnknownTypeNoted()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-g5", Account, "us-east-1", "g5.xlarge");
        aws.Add("i-p5", Account, "us-east-1", "p5.48xlarge");
        aws.Add("i-new", Account, "us-east-1", "g6f.large");
        var account = AwsHarness.Account(Account, "us-east-1");
        var policy = AwsHarness.Policy(account) with
        {
            Pricing = new PricingOverrides { DiscountPercent = 10, UsdPerHour = new Dictionary<string, decimal> { ["p5.48xlarge"] = 40m } },
        };

        var result = await aws.Provider().ReadAccountAsync(policy, account, AwsHarness.Now, CancellationToken.None);

        var byId = result.Snapshot!.Instances.ToDictionary(i => i.Id);
        Assert.Equal(0.9054m, byId["i-g5"].UsdPerHour);
        Assert.Equal(40m, byId["i-p5"].UsdPerHour);
        Assert.Equal(0m, byId["i-new"].UsdPerHour);
        Assert.Contains(result.Notes, n => n.InstanceId == "i-new" && n.Note.StartsWith("unknown price: no on-demand price for g6f.large in us-east-1", StringComparison.Ordinal));
    }
}
