using System.Text;

namespace CostGuard.Alerts.Teams;

/// <summary>
/// Adaptive Card TextBlocks and FactSet values render a markdown subset (bold, italic, lists, <c>[title](url)</c>
/// links), so a tag value <c>[Restart your job](https://evil.example)</c> would become a trustworthy-looking link.
/// Every user-controlled value goes through <see cref="Literal"/> first.
/// </summary>
internal static class TeamsText
{
    // CommonMark's escapable punctuation that the card subset (or a fuller host renderer) can give meaning to.
    private const string Special = "\\*_[]()`~#>!|<";

    /// <summary>
    /// Backslash-escapes markdown punctuation, and a list marker at the start. Even a renderer that ignored the
    /// backslashes could not form a link: <c>]</c> and <c>(</c> are never adjacent any more.
    /// </summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Special.Contains(c, StringComparison.Ordinal) || (i == 0 && c is '-' or '+' or '=') || (c == '.' && IsListNumber(text, i)))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    // "1. item" at the start would become a numbered list.
    private static bool IsListNumber(string text, int dot) => dot > 0 && text[..dot].All(char.IsAsciiDigit);
}
