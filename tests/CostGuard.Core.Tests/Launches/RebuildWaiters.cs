namespace CostGuard.Launches;

/// <summary>
/// The ledger rebuild wait's pause, for tests: each waiter's first pause blocks until <see cref="Release"/>, so a test
/// can see how many events wait while the one rebuilding is held; after the release, pauses are short. Shared by the
/// Core, Functions (Table Storage) and CLI (SQLite) tests.
/// </summary>
internal sealed class RebuildWaiters(int expected)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _blocked;

    public LedgerRebuildOptions Options => new() { PollInterval = TimeSpan.FromMilliseconds(10), Pause = PauseAsync };

    /// <summary>Completes when <c>expected</c> events are blocked in their first pause.</summary>
    public Task AllWaiting => _allWaiting.Task;

    public int Blocked => Volatile.Read(ref _blocked);

    public void Release() => _released.TrySetResult();

    private async Task PauseAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!_released.Task.IsCompleted)
        {
            if (Interlocked.Increment(ref _blocked) >= expected)
            {
                _allWaiting.TrySetResult();
            }

            await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
    }
}
