using CostGuard.Fanout;
using Microsoft.Azure.Functions.Worker;

namespace CostGuard.Functions.Triggers;

/// <summary>A sweep message the queue gave up on raises a <c>guard-failure</c> alert naming the account and the last error.</summary>
public sealed class AccountSweepPoisonFunction(PoisonSweepHandler handler)
{
    [Function("AccountSweepPoison")]
    public Task RunAsync([QueueTrigger(StorageNames.SweepPoisonQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, StorageNames.MaxDequeueCount, cancellationToken);
}
