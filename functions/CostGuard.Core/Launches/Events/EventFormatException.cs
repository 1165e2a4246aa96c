namespace CostGuard.Launches.Events;

/// <summary>The one error an event parser throws: the payload is malformed, and <see cref="Field"/> says where.</summary>
public sealed class EventFormatException : Exception
{
    public EventFormatException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public EventFormatException()
        : this("body", "malformed event")
    {
    }

    public EventFormatException(string message)
        : this("body", message)
    {
    }

    public EventFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "body";
        Problem = message;
    }

    /// <summary>The field at fault, e.g. <c>detail.instance-id</c>, or <c>body</c>.</summary>
    public string Field { get; }

    public string Problem { get; }
}
