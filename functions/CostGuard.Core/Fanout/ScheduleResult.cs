namespace CostGuard.Fanout;

/// <summary>What one scheduler tick found and enqueued.</summary>
public sealed record ScheduleResult(IReadOnlyList<ScheduledPolicy> Policies, IReadOnlyList<SweepMessage> Enqueued);
