namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>Records the waits the sender asked for and returns at once: retry tests never sleep.</summary>
internal sealed class RecordingRetryDelay : IRetryDelay
{
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays => _delays;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_delays)
        {
            _delays.Add(delay);
        }

        return Task.CompletedTask;
    }
}
