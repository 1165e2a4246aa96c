namespace CostGuard.Policies.Loading;

/// <summary>
/// One problem in a policy file: where it is (file, JSON path, 1-based line and column; 0 when the whole
/// file is concerned) and what would be valid instead.
/// </summary>
public sealed record PolicyError(string File, string Path, int Line, int Column, string Message)
{
    /// <summary>Compiler-style <c>file.json:12:15: $.idle.window: message</c>, so editors and CI make it clickable.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Path}: {Message}" : $"{File}: {Path}: {Message}";
}
