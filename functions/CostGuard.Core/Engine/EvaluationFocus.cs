using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// Restricts actions to one instance: the launch-event path sees the whole account (for burn and spend)
/// but acts only on the instance that just launched. Instances launched in the same second are one focused
/// evaluation (<see cref="Together"/>), so over the burn cap the newest of them stop first (ties: higher id)
/// and every reason quotes the same burn.
/// </summary>
public sealed record EvaluationFocus(CloudKind Cloud, string Account, string InstanceId)
{
    /// <summary>Further instances launched in the same second, acted on in this same evaluation.</summary>
    public IReadOnlyList<EvaluationFocus> Together { get; init; } = [];

    /// <summary>One focus over every given instance (at least one).</summary>
    public static EvaluationFocus Of(IReadOnlyList<EvaluationFocus> launched) =>
        launched[0] with { Together = launched.Skip(1).Select(f => f with { Together = [] }).ToList() };

    public bool Covers(CloudKind cloud, string account, string instanceId) =>
        Is(this, cloud, account, instanceId) || Together.Any(f => Is(f, cloud, account, instanceId));

    public bool CoversAccount(CloudKind cloud, string account) =>
        SameAccount(this, cloud, account) || Together.Any(f => SameAccount(f, cloud, account));

    private static bool Is(EvaluationFocus f, CloudKind cloud, string account, string instanceId) =>
        SameAccount(f, cloud, account) && string.Equals(f.InstanceId, instanceId, StringComparison.Ordinal);

    private static bool SameAccount(EvaluationFocus f, CloudKind cloud, string account) =>
        f.Cloud == cloud && string.Equals(f.Account, account, StringComparison.OrdinalIgnoreCase);
}
