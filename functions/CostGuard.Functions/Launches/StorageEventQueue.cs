using Azure.Storage.Queues;

namespace CostGuard.Functions.Launches;

/// <summary>The <c>costguard-events</c> queue (Base64 messages, as the queue trigger reads them).</summary>
internal sealed class StorageEventQueue(QueueClient queue) : IEventQueue
{
    private int _created;

    public async Task EnqueueAsync(string body, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
