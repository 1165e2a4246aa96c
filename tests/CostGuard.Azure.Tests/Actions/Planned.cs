using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Azure.Actions;

/// <summary>Planned actions on fake VMs, as the engine would have made them from a read of the VM.</summary>
internal static class Planned
{
    public static PlannedAction Action(FakeVm vm, ActionKind kind, ActionReason? reason = null, string? tagKey = null, string? tagValue = null, IReadOnlyDictionary<string, string>? tagsAtRead = null) => new()
    {
        Action = kind,
        Reason = reason ?? (kind == ActionKind.Stop ? ActionReason.Idle : ActionReason.Orphan),
        Detail = "test",
        TagKey = tagKey,
        TagValue = tagValue,
        Instance = new InstanceSnapshot
        {
            Cloud = CloudKind.Azure,
            Account = vm.Subscription,
            Region = vm.Location,
            Id = vm.Id,
            Type = vm.Size,
            State = InstanceState.Running,
            LaunchTime = vm.TimeCreated,
            Tags = tagsAtRead ?? new Dictionary<string, string>(vm.Tags, StringComparer.OrdinalIgnoreCase),
        },
    };
}
