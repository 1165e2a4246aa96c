namespace CostGuard.Fanout;

/// <summary>Hand-written sweep queue: records each message with its visibility delay.</summary>
internal sealed class InMemorySweepQueue : ISweepQueue
{
    public List<(SweepMessage Message, TimeSpan Delay)> Sent { get; } = [];

    public Task EnqueueAsync(SweepMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add((message, visibilityDelay));
        }

        return Task.CompletedTask;
    }
}
