namespace CostGuard.Status;

/// <summary>An open orphan mark on an instance and when the guard will stop and terminate it.</summary>
public sealed record OrphanMark(string Instance, DateTimeOffset MarkedAt, DateTimeOffset? StopAt, DateTimeOffset? TerminateAt);
