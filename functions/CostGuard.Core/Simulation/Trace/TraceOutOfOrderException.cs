namespace CostGuard.Simulation.Trace;

/// <summary>Raised inside the simulator when streaming meets a row earlier than the one before; it then sorts in memory.</summary>
internal sealed class TraceOutOfOrderException : Exception
{
    public TraceOutOfOrderException(long line)
        : base($"line {line} is earlier than the row before it")
    {
        Line = line;
    }

    public TraceOutOfOrderException()
    {
    }

    public TraceOutOfOrderException(string message)
        : base(message)
    {
    }

    public TraceOutOfOrderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Line { get; }
}
