namespace CostGuard.Aws.CostExplorer;

/// <summary>One group of one day: an account's (and optionally a user's) unblended GPU cost.</summary>
internal sealed record CostRow(string Account, DateOnly Day, string? User, decimal Usd);
