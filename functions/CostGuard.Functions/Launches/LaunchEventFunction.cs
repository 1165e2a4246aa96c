using CostGuard.Launches;
using Microsoft.Azure.Functions.Worker;

namespace CostGuard.Functions.Launches;

/// <summary>
/// One launch event per <c>costguard-events</c> message (EventBridge from the intake, Event Grid/CloudEvents delivered
/// straight to the queue). A launch that could not be judged throws, so the message is retried, up to the poison queue.
/// </summary>
public sealed class LaunchEventFunction(LaunchEventService events)
{
    [Function("LaunchEvents")]
    public Task RunAsync([QueueTrigger(StorageNames.EventQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        events.ProcessAsync(message, cancellationToken);
}
