namespace CostGuard.Functions.Storage;

/// <summary>
/// Runs a create-if-missing step once for every caller: concurrent first callers all wait for the same creation (a
/// flag set before the create would let the others send into a queue that does not exist yet), and a failed creation
/// is tried again by the next caller.
/// </summary>
internal sealed class CreatedOnce(Func<CancellationToken, Task> create)
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                // Not the caller's token: one caller giving up must not cancel the creation the others wait on.
                _creation = create(CancellationToken.None);
            }

            return _creation.WaitAsync(cancellationToken);
        }
    }
}
