using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>
/// Hand-written optimistic ledger: reads a version, runs the change outside the lock (yielding, so concurrent
/// updates really interleave) and writes only if the version is unchanged, as Table Storage's ETag does.
/// </summary>
internal sealed class InMemoryBurnLedger : IBurnLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (BurnLedgerState State, int Version)> _ledgers = new(StringComparer.OrdinalIgnoreCase);

    public int Conflicts { get; private set; }

    public int Writes { get; private set; }

    public Task<BurnLedgerState?> ReadAsync(CloudKind cloud, string account, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_ledgers.TryGetValue(Key(cloud, account), out var entry) ? entry.State : null);
        }
    }

    public async Task<LedgerUpdate<T>> UpdateAsync<T>(CloudKind cloud, string account, Func<BurnLedgerState?, LedgerChange<T>> change, CancellationToken cancellationToken)
    {
        for (var retries = 0; ; retries++)
        {
            BurnLedgerState? current;
            int version;
            lock (_gate)
            {
                (current, version) = _ledgers.TryGetValue(Key(cloud, account), out var entry) ? entry : (null, 0);
            }

            await Task.Yield();
            var decided = change(current);
            if (decided.Next is null)
            {
                return new LedgerUpdate<T>(decided.Result, retries);
            }

            lock (_gate)
            {
                var now = _ledgers.TryGetValue(Key(cloud, account), out var entry) ? entry.Version : 0;
                if (now == version)
                {
                    _ledgers[Key(cloud, account)] = (decided.Next, version + 1);
                    Writes++;
                    return new LedgerUpdate<T>(decided.Result, retries);
                }

                Conflicts++;
            }
        }
    }

    public void Put(BurnLedgerState state)
    {
        lock (_gate)
        {
            var version = _ledgers.TryGetValue(Key(state.Cloud, state.Account), out var entry) ? entry.Version : 0;
            _ledgers[Key(state.Cloud, state.Account)] = (state, version + 1);
        }
    }

    private static string Key(CloudKind cloud, string account) => $"{cloud}:{account}";
}
