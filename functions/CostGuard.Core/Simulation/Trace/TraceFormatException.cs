namespace CostGuard.Simulation.Trace;

/// <summary>A fleet trace that does not follow format v1; names the line and column at fault.</summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(long line, string? column, string problem)
        : base(column is null ? $"line {line}: {problem}" : $"line {line}, column '{column}': {problem}")
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    public TraceFormatException()
    {
    }

    public TraceFormatException(string message)
        : base(message)
    {
    }

    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based physical line of the file (the header is line 1).</summary>
    public long Line { get; }

    /// <summary>Header name of the column at fault, or null when the whole line is wrong.</summary>
    public string? Column { get; }

    public string Problem { get; } = "";
}
