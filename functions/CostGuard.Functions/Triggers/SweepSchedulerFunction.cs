using CostGuard.Fanout;
using Microsoft.Azure.Functions.Worker;

namespace CostGuard.Functions.Triggers;

/// <summary>Every minute (app setting <c>COSTGUARD_SWEEP_SCHEDULE</c>): enqueue the account sweeps that are due.</summary>
public sealed class SweepSchedulerFunction(SweepScheduler scheduler)
{
    [Function("SweepScheduler")]
    public Task RunAsync([TimerTrigger("%COSTGUARD_SWEEP_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.TickAsync(cancellationToken);
}
