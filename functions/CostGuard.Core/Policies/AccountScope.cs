namespace CostGuard.Policies;

/// <summary>One AWS account or Azure subscription the live guard sweeps.</summary>
public sealed record AccountScope
{
    public required CloudKind Cloud { get; init; }

    /// <summary>12-digit AWS account id or Azure subscription GUID.</summary>
    public required string Id { get; init; }

    /// <summary>AWS regions to scan (Azure lists every region of the subscription).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>AWS role assumed through STS for this account; null uses the ambient credentials.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Azure: Log Analytics workspace whose InsightsMetrics carry the VMs' GPU utilization.</summary>
    public string? LogAnalyticsWorkspaceId { get; init; }
}
