namespace CostGuard.Policies;

/// <summary>A validated CostGuard policy (policy language v1). Absent sections disable their rule.</summary>
public sealed record Policy
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required PolicyMode Mode { get; init; }

    /// <summary>How often the timer sweep runs (and the simulator sweeps). Defaults to five minutes.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The live scope. Empty means "every account in the input" (simulator and snapshot plans).</summary>
    public IReadOnlyList<AccountScope> Accounts { get; init; } = [];

    public GpuSelector Gpu { get; init; } = new();

    public SpendCapRule? SpendCap { get; init; }

    public IdleRule? Idle { get; init; }

    public OrphanRule? Orphans { get; init; }

    public ExemptionRule? Exemptions { get; init; }

    public AnomalyRule? Anomaly { get; init; }

    public SafetyRule? Safety { get; init; }

    public AlertsConfig? Alerts { get; init; }

    public PricingOverrides? Pricing { get; init; }

    /// <summary>True when the policy's account list includes this account (or lists none at all).</summary>
    public bool IsInScope(CloudKind cloud, string accountId) =>
        Accounts.Count == 0 || Accounts.Any(a => a.Cloud == cloud && string.Equals(a.Id, accountId, StringComparison.OrdinalIgnoreCase));
}
