using CostGuard.Ports;

namespace CostGuard.Storage.Testing.Contracts;

/// <summary>Records and times shared by the contract suites.</summary>
public static class ContractSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    /// <summary>Bound on every wait for concurrent work (a hang fails the test instead of stalling the run).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static AuditRecord Decision(DateTimeOffset time, string instance, string account = "111122223333", string policy = "p1") => new()
    {
        Time = time, Policy = policy, Cloud = "aws", Account = account, Region = "us-east-1", Instance = instance,
        Action = "stop", Reason = "idle", Mode = "enforce", Outcome = "planned", Detail = "GPU idle for 30 min",
        SweepId = policy + "@2026-11-26T19:30:00Z",
    };

    public static AuditRecord Intent(DateTimeOffset time, string actionId, string instance = "i-1", string account = "111122223333", string policy = "p1") =>
        Decision(time, instance, account, policy) with { Kind = AuditKinds.Intent, ActionId = actionId, Outcome = "intent" };

    public static AuditRecord Outcome(AuditRecord intent, DateTimeOffset time, string outcome = "applied") =>
        intent with { Time = time, Kind = AuditKinds.Outcome, Outcome = outcome };
}
