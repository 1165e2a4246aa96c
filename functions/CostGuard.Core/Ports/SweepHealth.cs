namespace CostGuard.Ports;

/// <summary>The health of one (policy, account) as its sweeps left it.</summary>
public sealed record SweepHealth
{
    public required string Policy { get; init; }

    /// <summary><c>aws</c> or <c>azure</c>.</summary>
    public required string Cloud { get; init; }

    public required string Account { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Failed sweeps since the last success.</summary>
    public int FailuresInARow { get; init; }

    /// <summary>The last failure's reason (never a secret); null after a success.</summary>
    public string? LastError { get; init; }
}
