namespace CostGuard.Azure.Fakes;

/// <summary>
/// Two subscriptions x two regions of Azure VMs, one per interesting case, placed in a fake cloud at any
/// <c>now</c>. With <see cref="PolicyJson"/> (or its accounts in a mixed policy) the engine's decisions are
/// exactly <see cref="ExpectedDecisions"/>.
/// </summary>
internal static class AzureFleetFixture
{
    public const string SubA = "00000000-0000-0000-0000-00000000000a";
    public const string SubB = "00000000-0000-0000-0000-00000000000b";

    /// <summary>Log Analytics workspace (its GUID, as policies name it) holding subscription A's GPU counters.</summary>
    public const string WorkspaceA = "11111111-2222-3333-4444-555555555555";

    /// <summary>"action reason vm-name", sorted.</summary>
    public static readonly IReadOnlyList<string> ExpectedDecisions =
    [
        "Stop Idle a-idle",
        "Stop Idle a-off",
        "Stop Idle b-nometrics",
        "Tag Orphan a-orphan",
    ];

    /// <summary>The two subscriptions as policy JSON account entries.</summary>
    public const string AccountsJson = $$"""
        { "cloud": "azure", "id": "{{SubA}}", "logAnalyticsWorkspaceId": "{{WorkspaceA}}" },
        { "cloud": "azure", "id": "{{SubB}}" }
        """;

    public const string PolicyJson = $$"""
        {
          "name": "azure-fixture",
          "description": "Two Azure subscriptions x two regions.",
          "mode": "enforce",
          "accounts": [ {{AccountsJson}} ],
          "idle": { "window": "PT30M", "gpuUtilBelow": 5 },
          "orphans": { "requiredTags": ["owner"], "stopAfter": "P1D" },
          "exemptions": { "tag": "costguard:exempt-until" },
          "spendCap": { "monthlyUsd": 50000 }
        }
        """;

    public static void Build(FakeAzureCloud cloud, DateTimeOffset now)
    {
        var created = now.AddDays(-5);
        FakeVm Add(string subscription, string name, string location, string size = "Standard_NC24ads_A100_v4", string power = "running", Dictionary<string, string>? tags = null, DateTimeOffset? timeCreated = null)
        {
            var vm = new FakeVm
            {
                Subscription = subscription,
                Name = name,
                Location = location,
                Size = size,
                PowerState = power,
                TimeCreated = timeCreated ?? created,
                Tags = tags ?? new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "alice" },
            };
            cloud.Vms.Add(vm);
            return vm;
        }

        cloud.Workspaces[WorkspaceA] = [SubA];

        // Subscription A: eastus + westus2, GPU % from its workspace.
        var idle = Add(SubA, "a-idle", "eastus");
        var busy = Add(SubA, "a-busy", "eastus");
        var orphan = Add(SubA, "a-orphan", "westus2", size: "Standard_NC8as_T4_v3", tags: new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" });
        Add(SubA, "a-off", "westus2", size: "Standard_NC8as_T4_v3", power: "stopped");
        Add(SubA, "a-parked", "westus2", power: "deallocated");
        var firstBin = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero).AddMinutes(-30);
        for (var bin = firstBin; bin < now; bin = bin.AddMinutes(5))
        {
            idle.Gpu[bin] = [1, 0.5];
            idle.Cpu[bin] = 2;
            busy.Gpu[bin] = [0, 85];
            busy.Cpu[bin] = 40;
            orphan.Gpu[bin] = [70];
        }

        // Subscription B: eastus + westeurope, no workspace (no GPU metrics: fail closed).
        Add(SubB, "b-nometrics", "eastus");
        Add(SubB, "b-exempt", "westeurope", tags: new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "bob", ["costguard:exempt-until"] = now.AddDays(3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) });
        Add(SubB, "b-web", "westeurope", size: "Standard_D4s_v5");
        Add(SubB, "b-young", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["owner"] = "carol" }, timeCreated: now.AddMinutes(-10));

        cloud.Costs[SubA] = [(idle.Id, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), 88.15m)];
        cloud.Costs[SubB] = [];
    }
}
