namespace CostGuard.Ports;

/// <summary>Append-only log of every decision and action.</summary>
public interface IAuditLog
{
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Records from <paramref name="since"/> on (all when null), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);
}
