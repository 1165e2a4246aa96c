namespace CostGuard.Azure.Billing;

/// <summary>One day of one resource's actual cost, as Cost Management reports it (resource ids lower-cased).</summary>
internal sealed record CostRow(string ResourceId, DateOnly Day, decimal Cost, string Currency);
