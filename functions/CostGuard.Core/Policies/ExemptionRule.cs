namespace CostGuard.Policies;

/// <summary>A tag holding an expiry time exempts an instance from stops and terminations until then.</summary>
public sealed record ExemptionRule
{
    public string Tag { get; init; } = "costguard:exempt-until";

    /// <summary>Longest allowed exemption from now; a later expiry is invalid and ignored. Null means no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }
}
