using CostGuard.Ports;

namespace CostGuard.Status;

/// <summary>Everything the status endpoint and page show.</summary>
public sealed record StatusReport(DateTimeOffset GeneratedAt, IReadOnlyList<PolicyView> Policies, IReadOnlyList<AuditRecord> Actions);
