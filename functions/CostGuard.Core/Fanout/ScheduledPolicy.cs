using CostGuard.Policies;

namespace CostGuard.Fanout;

/// <summary>A policy in force: the blob it came from, its version hash and the parsed policy.</summary>
public sealed record ScheduledPolicy(string BlobName, string Hash, Policy Policy);
