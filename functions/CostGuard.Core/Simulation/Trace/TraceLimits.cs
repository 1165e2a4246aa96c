namespace CostGuard.Simulation.Trace;

/// <summary>
/// Input bounds of fleet trace v1. A real row is about 120 bytes; 64 KiB leaves room for hundreds of tags
/// while keeping the reader's memory bounded whatever a file holds (a 2 GB line is refused at 64 KiB).
/// </summary>
public static class TraceLimits
{
    /// <summary>Most bytes one row may hold: one line, or every line of a row with a quoted line break.</summary>
    public const int MaxRowBytes = 64 * 1024;
}
