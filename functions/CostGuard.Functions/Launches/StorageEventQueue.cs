using Azure.Storage.Queues;
using CostGuard.Functions.Storage;

namespace CostGuard.Functions.Launches;

/// <summary>The <c>costguard-events</c> queue (Base64 messages, as the queue trigger reads them).</summary>
internal sealed class StorageEventQueue(QueueClient queue) : IEventQueue
{
    private readonly CreatedOnce _created = new(token => queue.CreateIfNotExistsAsync(cancellationToken: token));

    public async Task EnqueueAsync(string body, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
