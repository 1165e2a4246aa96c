using CostGuard.Policies;

namespace CostGuard.Azure.Fixture;

/// <summary>Two subscriptions x two regions of GPU (and one CPU) VMs, with metrics and costs in the fake cloud.</summary>
internal static class TwoSubscriptionsFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    public static Policy Policy { get; } = new()
    {
        Name = "azure-fixture",
        Mode = PolicyMode.Enforce,
        Accounts = [AzureHarness.Account(AzureHarness.SubA, "ws-a"), AzureHarness.Account(AzureHarness.SubB)],
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) },
        Exemptions = new ExemptionRule(),
        SpendCap = new SpendCapRule { MonthlyUsd = 50_000m },
    };

    public static AzureHarness Build()
    {
        var h = new AzureHarness(Now);
        var cloud = h.Cloud;
        cloud.Workspaces["ws-a"] = [AzureHarness.SubA];

        // Subscription A: eastus + westus2, GPU % from its workspace.
        var idle = h.AddVm(AzureHarness.SubA, "a-idle", "eastus");
        var busy = h.AddVm(AzureHarness.SubA, "a-busy", "eastus");
        var orphan = h.AddVm(AzureHarness.SubA, "a-orphan", "westus2", size: "Standard_NC8as_T4_v3", tags: new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" });
        h.AddVm(AzureHarness.SubA, "a-off", "westus2", size: "Standard_NC8as_T4_v3", power: "stopped");
        h.AddVm(AzureHarness.SubA, "a-parked", "westus2", power: "deallocated");
        for (var bin = new DateTimeOffset(2026, 11, 16, 11, 30, 0, TimeSpan.Zero); bin < Now; bin = bin.AddMinutes(5))
        {
            idle.Gpu[bin] = [1, 0.5];
            idle.Cpu[bin] = 2;
            busy.Gpu[bin] = [0, 85];
            busy.Cpu[bin] = 40;
            orphan.Gpu[bin] = [70];
        }

        // Subscription B: eastus + westeurope, no workspace (no GPU metrics: fail closed).
        h.AddVm(AzureHarness.SubB, "b-nometrics", "eastus");
        h.AddVm(AzureHarness.SubB, "b-exempt", "westeurope", tags: new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "bob", ["costguard:exempt-until"] = "2026-11-20T00:00:00Z" });
        h.AddVm(AzureHarness.SubB, "b-web", "westeurope", size: "Standard_D4s_v5");
        cloud.Vms.Add(new FakeVm
        {
            Subscription = AzureHarness.SubB,
            Name = "b-young",
            Location = "eastus",
            TimeCreated = Now.AddMinutes(-10),
            Tags = new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "carol" },
        });

        cloud.Costs[AzureHarness.SubA] = [(idle.Id, new DateOnly(2026, 11, 15), 88.15m)];
        cloud.Costs[AzureHarness.SubB] = [];
        return h;
    }
}
