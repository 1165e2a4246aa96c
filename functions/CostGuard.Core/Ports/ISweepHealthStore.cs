namespace CostGuard.Ports;

/// <summary>Every account sweep records its result: the heartbeat, the failures-in-a-row count, the status page.</summary>
public interface ISweepHealthStore
{
    /// <summary>Records one sweep's result and returns the account's health after it.</summary>
    Task<SweepHealth> RecordAsync(string policy, string cloud, string account, DateTimeOffset at, bool succeeded, string? error, CancellationToken cancellationToken);

    /// <summary>Every account's health for <paramref name="policy"/> (all policies when null).</summary>
    Task<IReadOnlyList<SweepHealth>> ReadAsync(string? policy, CancellationToken cancellationToken);
}
