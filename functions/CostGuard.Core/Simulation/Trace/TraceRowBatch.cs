namespace CostGuard.Simulation.Trace;

/// <summary>A run of parsed rows handed from the reading thread to the simulating one; recycled, never reallocated.</summary>
internal sealed class TraceRowBatch
{
    public const int Capacity = 2048;

    public TraceRow[] Rows { get; } = new TraceRow[Capacity];

    public int Count { get; set; }

    /// <summary>How far into the file the reader was after the last row (for progress), or -1 when unknown.</summary>
    public double Fraction { get; set; } = -1;
}
