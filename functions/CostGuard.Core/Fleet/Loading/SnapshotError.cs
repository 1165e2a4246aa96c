namespace CostGuard.Fleet.Loading;

/// <summary>One problem in a fleet snapshot file: file, JSON path, 1-based line and column (0 for the whole file), and what is wrong.</summary>
public sealed record SnapshotError(string File, string Path, int Line, int Column, string Message)
{
    /// <summary>Compiler-style <c>snapshot.json:40:9: $.accounts[0].instances[2].state: message</c>.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Path}: {Message}" : $"{File}: {Path}: {Message}";
}
