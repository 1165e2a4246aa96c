namespace CostGuard.Launches.Events;

/// <summary>A well-formed event: either a launch to judge or one the guard does not handle (and why).</summary>
public sealed record ParsedEvent
{
    public LaunchEvent? Launch { get; init; }

    /// <summary>Why a well-formed event is not a launch, as a word: <c>unhandled-event</c> or <c>not-running</c>.</summary>
    public string? IgnoredReason { get; init; }

    /// <summary>The same as a sentence.</summary>
    public string? IgnoredDetail { get; init; }

    /// <summary>The event's type as sent (<c>detail-type</c> or <c>eventType</c>), for counting ignored events.</summary>
    public required string Type { get; init; }

    public static ParsedEvent Of(LaunchEvent launch) => new() { Launch = launch, Type = launch.Type };

    public static ParsedEvent Ignored(string type, string reason, string detail) =>
        new() { Type = type, IgnoredReason = reason, IgnoredDetail = detail };
}
