using Azure.Storage.Queues;
using CostGuard.Fanout;

namespace CostGuard.Functions.Storage;

/// <summary>The <c>costguard-sweeps</c> queue (Base64 messages, as the queue trigger reads them).</summary>
internal sealed class StorageSweepQueue(QueueClient queue) : ISweepQueue
{
    private int _created;

    public async Task EnqueueAsync(SweepMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _created, 1, 0) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await queue.SendMessageAsync(message.ToJson(), visibilityDelay > TimeSpan.Zero ? visibilityDelay : null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
