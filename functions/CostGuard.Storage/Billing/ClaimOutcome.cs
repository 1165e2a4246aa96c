using Azure;

namespace CostGuard.Storage.Billing;

/// <summary>What one attempt to become a key's fetcher found: elected (with the marker's ETag), wait, look again now, or a recent failure.</summary>
internal readonly record struct ClaimOutcome(ClaimOutcomeKind Kind, ETag ETag = default, string? Problem = null, DateTimeOffset FailedAt = default)
{
    public static ClaimOutcome Wait { get; } = new(ClaimOutcomeKind.Wait);

    public static ClaimOutcome Again { get; } = new(ClaimOutcomeKind.Again);

    public static ClaimOutcome Elected(ETag etag) => new(ClaimOutcomeKind.Elected, etag);

    public static ClaimOutcome Failed(string problem, DateTimeOffset failedAt) => new(ClaimOutcomeKind.Failed, Problem: problem, FailedAt: failedAt);
}
