using CostGuard.Ports;
using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;

namespace CostGuard.Aws;

public sealed class AwsFleetProviderFailureTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task ReadAccount_Ec2ThrottledOnce_RetriesAndCompletes()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Server.Script("DescribeInstances", FakeReply.Ec2Error(503, "ec2/Error-RequestLimitExceeded.xml"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Single(result.Snapshot!.Instances);
        Assert.Equal(2, aws.Requests.Get("ec2", "DescribeInstances"));
    }

    [Fact]
    public async Task ReadAccount_Ec2InternalErrorEveryAttempt_ReportsRegionAndKeepsOtherRegion()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-east", Account, "us-east-1");
        aws.Add("i-west", Account, "us-west-2");
        aws.Server.Script(r => r.Operation == "DescribeInstances" && r.SigningRegion == "us-west-2", FakeReply.Ec2Error(500, "ec2/Error-InternalError.xml"), times: 10);
        var account = AwsHarness.Account(Account, "us-east-1", "us-west-2");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("us-west-2: EC2 DescribeInstances failed: InternalError (HTTP 500)", problem, StringComparison.Ordinal);
        Assert.Equal(["i-east"], result.Snapshot!.Instances.Select(i => i.Id));
        Assert.Equal(3, aws.Server.Requests.Count(r => r.Operation == "DescribeInstances" && r.SigningRegion == "us-west-2"));
    }

    [Fact]
    public async Task ReadAccount_TruncatedEc2Xml_ReportsIncomplete()
    {
        await using var aws = new AwsHarness();
        var recorded = Payloads.Read("ec2/DescribeInstances.xml");
        aws.Server.Script("DescribeInstances", new FakeReply(200, "text/xml;charset=UTF-8", recorded[..(recorded.Length / 2)]), times: 10);
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.StartsWith("us-east-1: EC2 DescribeInstances failed", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccount_CloudWatchThrottledOnce_BacksOffWithoutSleepingAndCompletes()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1", gpu: 1);
        aws.Server.Script("GetMetricData", FakeAwsCloud.CloudWatchError(400, "Throttling", "Rate exceeded"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal(1d, result.Snapshot!.Instances[0].Samples[0].GpuPercent);
        Assert.Equal(2, aws.Requests.Get("cloudwatch", "GetMetricData"));
        Assert.Single(aws.Delays);
    }

    [Fact]
    public async Task ReadAccount_CloudWatchMalformed_MetricsGapRatherThanAllIdle()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Server.Script("GetMetricData", new FakeReply(200, "application/x-amz-json-1.0", """{"MetricDataResults":[{"Id":"g0","Timestamps":[1768478400,1768478700],"Values":[1.0]}]}"""));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        // The inventory stands (orphan and burn rules go on); the outage is a metrics gap over the active instance.
        Assert.True(result.Complete);
        Assert.Contains("CloudWatch GetMetricData failed: GetMetricData: MalformedResponse", Assert.Single(result.Problems), StringComparison.Ordinal);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(ReadPart.Metrics, gap.Part);
        Assert.Equal(["i-a"], gap.InstanceIds);
        Assert.DoesNotContain(result.Notes, n => n.Note.Contains("missing metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAccount_CostExplorerThrottledOnce_RetriesAndUsesBilledSpend()
    {
        await using var aws = new AwsHarness();
        aws.Cloud.Costs.Add(new FakeCost(Account, new DateOnly(2026, 1, 14), "alice", 100m));
        aws.Server.Script("GetCostAndUsage", new FakeReply(400, "application/x-amz-json-1.1", Payloads.Read("ce/Error-LimitExceeded.json")));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal(100m, result.Snapshot!.MonthToDateUsd);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), result.Snapshot.SpendAsOf);
        Assert.Equal(2, aws.Requests.Get("ce", "GetCostAndUsage"));
        Assert.Single(aws.Delays);
    }

    [Fact]
    public async Task ReadAccount_CostExplorerMalformedAmount_ReportsProblemAndCountsLiveBurnOnly()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1", "g5.xlarge");
        aws.Server.Script("GetCostAndUsage", new FakeReply(200, "application/x-amz-json-1.1",
            """{"ResultsByTime":[{"TimePeriod":{"Start":"2026-01-14","End":"2026-01-15"},"Groups":[{"Keys":["111122223333"],"Metrics":{"UnblendedCost":{"Amount":"lots","Unit":"USD"}}}]}]}"""));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Contains("non-decimal UnblendedCost.Amount 'lots'", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Null(result.Snapshot!.SpendAsOf);
        Assert.Null(result.Snapshot.BilledUsd);

        // Launched two hours ago at $1.006/h: live burn is the lower bound.
        Assert.Equal(2.01m, result.Snapshot.MonthToDateUsd);
    }

    [Fact]
    public async Task ReadAccount_SessionExpiredEarly_AssumesRoleAgainAndCompletes()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Server.Script(r => r.Operation == "DescribeInstances" && r.AccessKey == "ASIA" + Account, FakeReply.Ec2Error(400, "ec2/Error-RequestExpired.xml"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Single(result.Snapshot!.Instances);
        Assert.Equal(2, aws.Server.Count("AssumeRole"));
        var tokens = aws.Server.Requests.Where(r => r.Operation == "DescribeInstances").Select(r => r.SecurityToken).ToList();
        Assert.Equal(2, tokens.Distinct().Count());
    }

    [Fact]
    public async Task ReadAccount_SessionCached_ReassumesOnlyNearExpiry()
    {
        await using var aws = new AwsHarness();
        var account = AwsHarness.Account(Account, "us-east-1");
        var provider = aws.Provider();
        var policy = AwsHarness.Policy(account);

        await provider.ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        aws.Time.Advance(TimeSpan.FromMinutes(30));
        await provider.ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(1, aws.Server.Count("AssumeRole"));

        aws.Time.Advance(TimeSpan.FromMinutes(26));
        await provider.ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(2, aws.Server.Count("AssumeRole"));
        var assume = Form.Parse(aws.Server.Requests.First(r => r.Operation == "AssumeRole").Body);
        Assert.Equal("costguard", assume["RoleSessionName"]);
        Assert.Equal("arn:aws:iam::111122223333:role/CostGuardReadStop", assume["RoleArn"]);
    }

    [Fact]
    public async Task ReadAccount_AssumeRoleDenied_ReportsAccountFailure()
    {
        await using var aws = new AwsHarness();
        aws.Server.Script("AssumeRole", new FakeReply(403, "text/xml",
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not trusted</Message></Error><RequestId>x</RequestId></ErrorResponse>"));
        var account = AwsHarness.Account(Account, "us-east-1");

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Null(result.Snapshot);
        Assert.Contains("STS AssumeRole arn:aws:iam::111122223333:role/CostGuardReadStop failed: AccessDenied", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAccount_StsClockBehind_UsesTheFreshSessionOnceInsteadOfSpinning()
    {
        await using var aws = new AwsHarness();
        aws.Add("i-a", Account, "us-east-1");
        aws.Cloud.SessionLifetime = TimeSpan.FromMinutes(-10);
        var account = AwsHarness.Account(Account, "us-east-1");
        var provider = aws.Provider();

        var first = await provider.ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);
        var second = await provider.ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        Assert.True(first.Complete && second.Complete);
        Assert.Equal(2, aws.Server.Count("AssumeRole"));
    }
}
