using System.Globalization;
using System.Text;

namespace CostGuard.Cli.Output;

/// <summary>
/// Makes characters that act instead of showing visible: control characters (an escape code recolours the
/// terminal, a newline forges a table row) and bidirectional overrides (U+202E reverses the text after it).
/// Ids and tags come from cloud accounts anyone can tag, so every table and report shows them through this.
/// </summary>
internal static class VisibleText
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAny(Hidden))
        {
            return text ?? string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when Hidden.Contains(c) => sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    // C0 and C1 controls, DEL, and the invisible formatting characters that reorder or hide text.
    private static readonly System.Buffers.SearchValues<char> Hidden = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i))
        + string.Concat(Enumerable.Range(0x7F, 0x21).Select(i => (char)i))
        + "\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF");
}
