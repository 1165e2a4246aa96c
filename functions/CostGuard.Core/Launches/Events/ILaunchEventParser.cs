namespace CostGuard.Launches.Events;

/// <summary>Parses one envelope kind into launch events. Throws only <see cref="EventFormatException"/>.</summary>
public interface ILaunchEventParser
{
    /// <summary>True when this parser reads payloads of <paramref name="kind"/>.</summary>
    bool Handles(EventPayloadKind kind);

    /// <summary>The events in <paramref name="body"/> (Event Grid may batch several).</summary>
    IReadOnlyList<ParsedEvent> Parse(string body);
}
