using CostGuard.Aws.Support;
using CostGuard.Aws.Testing;
using CostGuard.Policies;

namespace CostGuard.Aws;

public sealed class AwsSpendTests
{
    [Fact]
    public async Task ReadAccount_ThreeAccountsInParallel_OneCostExplorerRequestCoversAll()
    {
        await using var aws = new AwsHarness();
        var accounts = new[] { "111111111111", "222222222222", "333333333333" }.Select(id => AwsHarness.Account(id, "us-east-1")).ToArray();
        foreach (var (a, i) in accounts.Select((a, i) => (a, i)))
        {
            aws.Cloud.Costs.Add(new FakeCost(a.Id, new DateOnly(2026, 1, 10), "alice", 10m * (i + 1)));
        }

        aws.Cloud.Costs.Add(new FakeCost("444444444444", new DateOnly(2026, 1, 10), "bob", 999m));
        var policy = AwsHarness.Policy(accounts);
        var provider = aws.Provider();

        var results = await Task.WhenAll(accounts.Select(a => provider.ReadAccountAsync(policy, a, AwsHarness.Now, CancellationToken.None)));

        Assert.Equal([10m, 20m, 30m], results.Select(r => r.Snapshot!.MonthToDateUsd));
        Assert.Equal(1, aws.Requests.Get("ce", "GetCostAndUsage"));
        var body = aws.Server.Requests.Single(r => r.Operation == "GetCostAndUsage").Body;
        Assert.Contains("\"GroupBy\":[{\"Type\":\"DIMENSION\",\"Key\":\"LINKED_ACCOUNT\"}]", body, StringComparison.Ordinal);
        Assert.Contains("\"TimePeriod\":{\"Start\":\"2026-01-01\",\"End\":\"2026-01-15\"}", body, StringComparison.Ordinal);
        Assert.Contains("{\"Dimensions\":{\"Key\":\"LINKED_ACCOUNT\",\"Values\":[\"111111111111\",\"222222222222\",\"333333333333\"]}}", body, StringComparison.Ordinal);
        Assert.Equal("ce", aws.Server.Requests.Single(r => r.Operation == "GetCostAndUsage").Service);
    }

    [Fact]
    public async Task ReadAccount_WithinTheHour_UsesCachedBillingAcrossProviders()
    {
        await using var aws = new AwsHarness();
        var account = AwsHarness.Account("111122223333", "us-east-1");
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2026, 1, 12), "alice", 42m));
        var policy = AwsHarness.Policy(account);

        await aws.Provider().ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        aws.Time.Advance(TimeSpan.FromMinutes(59));
        var second = await aws.Provider().ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(1, aws.Requests.Get("ce", "GetCostAndUsage"));
        Assert.Equal(42m, second.Snapshot!.MonthToDateUsd);

        aws.Time.Advance(TimeSpan.FromMinutes(2));
        await aws.Provider().ReadAccountAsync(policy, account, aws.Time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(2, aws.Requests.Get("ce", "GetCostAndUsage"));
    }

    [Fact]
    public async Task ReadAccount_BilledPlusLiveBurnSinceBillingEnd_IsMonthToDate()
    {
        await using var aws = new AwsHarness();
        var account = AwsHarness.Account("111122223333", "us-east-1");

        // Billing has data until the end of the 13th; the instance has run all along at $21.96/h.
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2026, 1, 13), "alice", 500m));
        aws.Cloud.Add(new FakeInstance { Id = "i-p4d", Account = account.Id, Region = "us-east-1", Type = "p4d.24xlarge", GpuPercent = 90, CpuPercent = 10, LaunchTime = AwsHarness.Now.AddDays(-10) });

        var result = await aws.Provider().ReadAccountAsync(AwsHarness.Policy(account), account, AwsHarness.Now, CancellationToken.None);

        // 36 h 2 min since 2026-01-14T00:00Z.
        Assert.Equal(new DateTimeOffset(2026, 1, 14, 0, 0, 0, TimeSpan.Zero), result.Snapshot!.SpendAsOf);
        Assert.Equal(500m, result.Snapshot.BilledUsd);
        Assert.Equal(decimal.Round(500m + (21.96m * (36m + (2m / 60m))), 2), result.Snapshot.MonthToDateUsd);
    }

    [Fact]
    public async Task ReadAccount_AnomalyRule_GroupsByUserTagAndBuildsClosedDays()
    {
        await using var aws = new AwsHarness();
        var account = AwsHarness.Account("111122223333", "us-east-1");
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2026, 1, 13), "alice", 30m));
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2026, 1, 13), "bob", 10m));
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2026, 1, 13), "", 5m));
        aws.Cloud.Costs.Add(new FakeCost(account.Id, new DateOnly(2025, 12, 31), "alice", 7m));
        aws.Cloud.CostPageSize = 2;
        var policy = AwsHarness.Policy(account) with { Anomaly = new AnomalyRule { UserTag = "owner", BaselineDays = 14 } };

        var result = await aws.Provider().ReadAccountAsync(policy, account, AwsHarness.Now, CancellationToken.None);

        var day = Assert.Single(result.Snapshot!.DailyUsage, d => d.Day == new DateOnly(2026, 1, 13));
        Assert.Equal(45m, day.SpendUsd);
        Assert.Equal(2, day.ActiveUsers);
        Assert.Equal(30m, day.SpendByUser["alice"]);
        Assert.Equal(5m, day.SpendByUser[""]);
        Assert.Contains(result.Snapshot.DailyUsage, d => d.Day == new DateOnly(2025, 12, 31));

        // December is baseline, not month to date.
        Assert.Equal(45m, result.Snapshot.MonthToDateUsd);
        Assert.Equal(2, aws.Requests.Get("ce", "GetCostAndUsage"));
        Assert.Contains("{\"Type\":\"TAG\",\"Key\":\"owner\"}", aws.Server.Requests.First(r => r.Operation == "GetCostAndUsage").Body, StringComparison.Ordinal);
    }
}
