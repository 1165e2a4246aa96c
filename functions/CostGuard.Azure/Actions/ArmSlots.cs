namespace CostGuard.Azure.Actions;

/// <summary>
/// Bounds the ARM requests one subscription's actions have in flight. Held for the length of a request only: waiting
/// to poll a long-running operation holds nothing, so the bound limits load on ARM, not how many VMs progress at once.
/// </summary>
internal sealed class ArmSlots(int size) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, size));

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task RunAsync(Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public void Dispose() => _slots.Dispose();
}
