using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>An alert the engine raises; <see cref="DedupKey"/> makes it once-only across evaluations.</summary>
public sealed record PlannedAlert
{
    public required AlertKind Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required CloudKind Cloud { get; init; }

    /// <summary>Account id, or <c>*</c> for an alert about the whole evaluation.</summary>
    public required string Account { get; init; }

    public required string Message { get; init; }

    public required string DedupKey { get; init; }

    /// <summary>The instance the alert is about, when it is about one.</summary>
    public InstanceSnapshot? Instance { get; init; }
}
