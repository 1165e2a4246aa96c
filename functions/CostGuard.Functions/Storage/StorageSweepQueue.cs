using Azure.Storage.Queues;
using CostGuard.Fanout;

namespace CostGuard.Functions.Storage;

/// <summary>The <c>costguard-sweeps</c> queue (Base64 messages, as the queue trigger reads them).</summary>
internal sealed class StorageSweepQueue(QueueClient queue) : ISweepQueue
{
    private readonly CreatedOnce _created = new(token => queue.CreateIfNotExistsAsync(cancellationToken: token));

    public async Task EnqueueAsync(SweepMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);

        await queue.SendMessageAsync(message.ToJson(), visibilityDelay > TimeSpan.Zero ? visibilityDelay : null, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
