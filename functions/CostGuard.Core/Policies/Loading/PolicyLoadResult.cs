namespace CostGuard.Policies.Loading;

/// <summary>The outcome of loading a policy: the policy when valid, otherwise every error found.</summary>
public sealed record PolicyLoadResult
{
    /// <summary>The validated policy; null when there is at least one error.</summary>
    public Policy? Policy { get; init; }

    public IReadOnlyList<PolicyError> Errors { get; init; } = [];

    public bool IsValid => Policy is not null && Errors.Count == 0;
}
