using CostGuard.Fleet;

namespace CostGuard.Engine.Rules;

/// <summary>One account's GPU instances with their exemption status, shared by the per-account rules.</summary>
internal sealed record AccountEvaluation(AccountSnapshot Account, IReadOnlyList<InstanceSnapshot> GpuInstances, IReadOnlySet<InstanceSnapshot> Exempt);
