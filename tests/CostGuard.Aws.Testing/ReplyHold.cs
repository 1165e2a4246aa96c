namespace CostGuard.Aws.Testing;

/// <summary>
/// Holds the replies of matching requests after the fake cloud has applied them (the call reached AWS; its answer has
/// not come back), until <see cref="Release"/>: the observable point crash and signal tests synchronise on.
/// </summary>
public sealed class ReplyHold
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];
    private int _count;

    internal ReplyHold(Func<FakeRequest, bool> match)
    {
        Match = match;
    }

    internal Func<FakeRequest, bool> Match { get; }

    /// <summary>Matching requests that arrived (and were applied) so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes when the first matching request has been applied and its reply is being held.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Completes once <paramref name="count"/> matching requests have arrived. A released hold still counts them.</summary>
    public Task Reached(int count)
    {
        lock (_waits)
        {
            if (Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Lets every held reply (and later matching ones) go out.</summary>
    public void Release() => _released.TrySetResult();

    internal Task HoldAsync()
    {
        lock (_waits)
        {
            var count = Interlocked.Increment(ref _count);
            foreach (var wait in _waits.Where(w => w.Count <= count).ToList())
            {
                wait.Reached.TrySetResult();
                _waits.Remove(wait);
            }
        }

        _arrived.TrySetResult();
        return _released.Task;
    }
}
