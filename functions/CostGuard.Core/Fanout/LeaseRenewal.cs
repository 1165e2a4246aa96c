using CostGuard.Ports;

namespace CostGuard.Fanout;

/// <summary>
/// Renews an account lease every <c>period</c> (a third of its duration) on the injected clock while a sweep works;
/// when a renewal finds the lease lost, cancels the sweep so it stops before acting on an account it no longer holds.
/// </summary>
internal sealed class LeaseRenewal(IAccountLease lease, TimeSpan period, TimeProvider time, CancellationTokenSource onLost) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public bool Lost { get; private set; }

    public async Task RunAsync()
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                bool renewed;
                try
                {
                    renewed = await lease.RenewAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed renewal call is not a lost lease: the lease still runs for two more periods.
                    continue;
                }

                if (!renewed)
                {
                    Lost = true;
                    await onLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(Task running)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();
}
