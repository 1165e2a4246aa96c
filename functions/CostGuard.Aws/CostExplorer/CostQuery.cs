namespace CostGuard.Aws.CostExplorer;

/// <summary>A daily GetCostAndUsage query: EC2 compute of some instance families and accounts, by account (and user tag).</summary>
internal sealed record CostQuery(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<string> InstanceFamilies,
    IReadOnlyList<string> Accounts,
    string? UserTag);
