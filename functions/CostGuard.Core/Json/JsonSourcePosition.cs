namespace CostGuard.Json;

/// <summary>A 1-based line and column in a JSON text (column counted in characters, not bytes).</summary>
internal readonly record struct JsonSourcePosition(int Line, int Column)
{
    /// <summary>For problems that belong to the whole file (it could not be read at all).</summary>
    public static readonly JsonSourcePosition None = new(0, 0);
}
