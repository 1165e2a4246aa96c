namespace CostGuard.Ports;

/// <summary>
/// Append-only log of every decision and action. The log is never updated or deleted. A record whose
/// (<see cref="AuditRecord.ActionId"/>, <see cref="AuditRecord.Kind"/>) is already in the log is not appended again
/// (no error, no duplicate): a rerun of a sweep can append its records again and the log keeps one of each. Records
/// without an action id are always appended.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Records from <paramref name="since"/> on (all when null), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> action records (<see cref="AuditActions.Includes"/>: no intents, no alerts) of
    /// every policy and account, newest first, however old they are. A bounded read: it never scans the whole log.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> ReadLatestActionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The intent and outcome records of these action ids (any order; ids not in the log are simply absent).</summary>
    Task<IReadOnlyList<AuditRecord>> ReadActionsAsync(IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken);

    /// <summary>
    /// Intent records of this policy and account (<paramref name="cloud"/> as written in records: <c>aws</c>, <c>azure</c>;
    /// the account compared case-insensitively) that have no outcome record yet, oldest first.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> ReadOpenIntentsAsync(string policy, string cloud, string account, CancellationToken cancellationToken);
}
