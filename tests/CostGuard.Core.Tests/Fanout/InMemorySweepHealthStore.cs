using CostGuard.Ports;

namespace CostGuard.Fanout;

/// <summary>Hand-written health store: failures in a row reset by a success, the last error kept.</summary>
internal sealed class InMemorySweepHealthStore : ISweepHealthStore
{
    private readonly Dictionary<(string, string, string), SweepHealth> _rows = [];

    public Task<SweepHealth> RecordAsync(string policy, string cloud, string account, DateTimeOffset at, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            var key = (policy, cloud, account.ToUpperInvariant());
            var before = _rows.GetValueOrDefault(key) ?? new SweepHealth { Policy = policy, Cloud = cloud, Account = account };
            var after = before with
            {
                LastAttemptAt = at,
                LastSuccessAt = succeeded ? at : before.LastSuccessAt,
                FailuresInARow = succeeded ? 0 : before.FailuresInARow + 1,
                LastError = succeeded ? before.LastError : error,
            };
            _rows[key] = after;
            return Task.FromResult(after);
        }
    }

    public Task<IReadOnlyList<SweepHealth>> ReadAsync(string? policy, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<SweepHealth>>([.. _rows.Values.Where(r => policy is null || r.Policy == policy)]);
        }
    }
}
