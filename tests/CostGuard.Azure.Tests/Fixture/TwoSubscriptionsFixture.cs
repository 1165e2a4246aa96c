using CostGuard.Policies;

namespace CostGuard.Azure.Fixture;

/// <summary>The shared <see cref="AzureFleetFixture"/> in a harness, with its policy as records.</summary>
internal static class TwoSubscriptionsFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    public static Policy Policy { get; } = new()
    {
        Name = "azure-fixture",
        Mode = PolicyMode.Enforce,
        Accounts = [AzureHarness.Account(AzureFleetFixture.SubA, AzureFleetFixture.WorkspaceA), AzureHarness.Account(AzureFleetFixture.SubB)],
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) },
        Exemptions = new ExemptionRule(),
        SpendCap = new SpendCapRule { MonthlyUsd = 50_000m },
    };

    public static AzureHarness Build()
    {
        var h = new AzureHarness(Now);
        AzureFleetFixture.Build(h.Cloud, Now);
        return h;
    }
}
