namespace CostGuard.Status;

/// <summary>One policy in force on the status page.</summary>
public sealed record PolicyView(string Name, string Blob, string Hash, string Mode, TimeSpan SweepInterval, IReadOnlyList<AccountView> Accounts);
