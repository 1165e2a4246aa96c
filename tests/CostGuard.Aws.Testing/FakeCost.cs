namespace CostGuard.Aws.Testing;

/// <summary>One day of billed GPU cost of one account and user, as Cost Explorer would group it.</summary>
public sealed record FakeCost(string Account, DateOnly Day, string User, decimal Usd);
