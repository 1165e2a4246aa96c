using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Cli.Output;

/// <summary>A hand-made plan, so the renderers are tested independently of the engine.</summary>
internal static class SamplePlan
{
    public static readonly DateTimeOffset At = new(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1));

    public static readonly InstanceSnapshot Vm = new()
    {
        Cloud = CloudKind.Azure,
        Account = "00000000-0000-0000-0000-000000000000",
        Region = "eastus",
        Id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm[1]",
        Type = "Standard_NC24ads_A100_v4",
        State = InstanceState.Running,
        LaunchTime = At.AddHours(-3),
        UsdPerHour = 3.673m,
    };

    public static Plan Create() => new()
    {
        PolicyName = "team-gpu-guard",
        Mode = PolicyMode.DryRun,
        EvaluatedAt = At,
        Actions =
        [
            new PlannedAction { Action = ActionKind.Stop, Reason = ActionReason.MonthlyCap, Instance = Vm, Detail = "over the [monthly] cap" },
            new PlannedAction { Action = ActionKind.Tag, Reason = ActionReason.Orphan, Instance = Vm, Detail = "marked", TagKey = "costguard:orphan", TagValue = "2026-11-26T12:00:00Z" },
        ],
        Deferred = [new PlannedAction { Action = ActionKind.Terminate, Reason = ActionReason.Orphan, Instance = Vm, Detail = "held back" }],
        Alerts =
        [
            new PlannedAlert
            {
                Kind = AlertKind.ExemptionInvalid, Severity = AlertSeverity.Warning, Cloud = CloudKind.Azure, Account = Vm.Account,
                Message = "exemption ignored", DedupKey = "k", Instance = Vm,
            },
            new PlannedAlert { Kind = AlertKind.ActionLimit, Severity = AlertSeverity.Critical, Cloud = CloudKind.Aws, Account = "*", Message = "limit", DedupKey = "k2" },
        ],
        Accounts =
        [
            new AccountSummary
            {
                Cloud = CloudKind.Azure, Account = Vm.Account, GpuInstances = 2, BillingGpuInstances = 1, BurnUsdPerHour = 3.673m,
                BurnAfterPlanUsdPerHour = 0m, MonthToDateUsd = 51230.10m, SpendAsOf = null, Caps = new EffectiveCaps(50000m, null, [50, 80]),
            },
        ],
        Memory = GuardMemory.Empty,
    };
}
