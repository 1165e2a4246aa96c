using Microsoft.Extensions.Logging;

namespace CostGuard.Azure.Logging;

/// <summary>The Azure adapter's log messages; event ids are stable (4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Azure subscription {Subscription}: {Problem}")]
    public static partial void SubscriptionProblem(ILogger logger, string subscription, string problem);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Azure subscription {Subscription}: {Vms} VMs, {GpuVms} GPU VMs")]
    public static partial void Inventoried(ILogger logger, string subscription, int vms, int gpuVms);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Azure {Action} on {Vm}: {Status} {Detail}")]
    public static partial void ActionDone(ILogger logger, CostGuard.Engine.ActionKind action, string vm, CostGuard.Ports.ActionStatus status, string? detail);
}
