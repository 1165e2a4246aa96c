using System.Text.Json;
using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>
/// Enum values as every CostGuard output writes them (JSON, audit log, tables, alert keys): kebab-case,
/// <c>dry-run</c>, <c>burn-cap</c>, <c>cap-warning</c>. One mapping, so the outputs can never disagree.
/// </summary>
public static class PlanWords
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Cloud(CloudKind cloud) => Of(cloud);

    public static string Mode(PolicyMode mode) => Of(mode);

    public static string Action(ActionKind action) => Of(action);

    public static string Reason(ActionReason reason) => Of(reason);

    public static string Alert(AlertKind kind) => Of(kind);
}
