namespace CostGuard.Json;

/// <summary>
/// One problem found in a JSON input, located by JSON pointer (RFC 6901). <paramref name="AtName"/> points
/// at the property name rather than its value (unknown or duplicate fields).
/// </summary>
internal sealed record JsonIssue(string Pointer, string Message, bool AtName = false)
{
    /// <summary>Set when the position is known directly (syntax errors) rather than through the pointer.</summary>
    public JsonSourcePosition? Position { get; init; }
}
