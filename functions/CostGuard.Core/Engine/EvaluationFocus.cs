using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// Restricts actions to one instance: the launch-event path sees the whole account (for burn and spend)
/// but acts only on the instance that just launched.
/// </summary>
public sealed record EvaluationFocus(CloudKind Cloud, string Account, string InstanceId);
