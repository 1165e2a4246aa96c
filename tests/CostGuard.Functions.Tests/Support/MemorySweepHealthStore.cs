using CostGuard.Ports;

namespace CostGuard.Functions.Support;

/// <summary>In-process sweep health (stands in until the Table Storage health store is composed).</summary>
internal sealed class MemorySweepHealthStore : ISweepHealthStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SweepHealth> _health = new(StringComparer.OrdinalIgnoreCase);

    public Task<SweepHealth> RecordAsync(string policy, string cloud, string account, DateTimeOffset at, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = $"{policy}|{cloud}|{account}";
            var before = _health.GetValueOrDefault(key) ?? new SweepHealth { Policy = policy, Cloud = cloud, Account = account };
            var after = before with
            {
                LastAttemptAt = at,
                LastSuccessAt = succeeded ? at : before.LastSuccessAt,
                FailuresInARow = succeeded ? 0 : before.FailuresInARow + 1,
                LastError = succeeded ? null : error,
            };
            _health[key] = after;
            return Task.FromResult(after);
        }
    }

    public Task<IReadOnlyList<SweepHealth>> ReadAsync(string? policy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SweepHealth>>(_health.Values.Where(h => policy is null || h.Policy == policy).ToList());
        }
    }
}
