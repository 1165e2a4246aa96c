namespace CostGuard.Ports;

/// <summary>A message that could not be delivered yet. Holds the payload, never the webhook URL.</summary>
public sealed record PendingDelivery
{
    public required string Id { get; init; }

    /// <summary>
    /// The policy whose sweep produced the message: several policies may share one ledger, and a message must only be
    /// retried through its own policy's routes. Null (older records) means any policy may retry it.
    /// </summary>
    public string? Policy { get; init; }

    /// <summary>Route name; with <see cref="Channel"/> it resolves to a webhook setting at send time.</summary>
    public required string Route { get; init; }

    /// <summary>slack or teams.</summary>
    public required string Channel { get; init; }

    public required string PayloadJson { get; init; }

    public required IReadOnlyList<string> DedupKeys { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset FirstFailedAt { get; init; }

    public string? LastError { get; init; }
}
