using CostGuard.Fleet;

namespace CostGuard.Ports;

/// <summary>One instance as read by id: found (with its price), gone, or unreadable (<see cref="Problem"/>).</summary>
public sealed record InstanceReadResult
{
    public InstanceSnapshot? Instance { get; init; }

    /// <summary>Set when the read failed (throttled, denied, unreachable): the event should be retried.</summary>
    public string? Problem { get; init; }

    public static InstanceReadResult Found(InstanceSnapshot instance) => new() { Instance = instance };

    public static InstanceReadResult NotFound() => new();

    public static InstanceReadResult Failed(string problem) => new() { Problem = problem };
}
