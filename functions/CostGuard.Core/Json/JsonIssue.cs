namespace CostGuard.Json;

/// <summary>
/// One problem found in a JSON input, located by JSON pointer (RFC 6901). <paramref name="AtName"/> points
/// at the property name rather than its value (unknown or duplicate fields).
/// </summary>
internal sealed record JsonIssue(string Pointer, string Message, bool AtName = false)
{
    /// <summary>Set when the position is known directly (syntax errors) rather than through the pointer.</summary>
    public JsonSourcePosition? Position { get; init; }

    /// <summary>The whole value is wrong (e.g. a field to remove), so lesser complaints about its contents are noise.</summary>
    public bool CoversContents { get; init; }

    /// <summary>True when <paramref name="other"/> is about the same value (or, if this covers contents, anything inside it).</summary>
    public bool Covers(JsonIssue other) =>
        other.Pointer == Pointer || (CoversContents && other.Pointer.StartsWith(Pointer + "/", StringComparison.Ordinal));
}
