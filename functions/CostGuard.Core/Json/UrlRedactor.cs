using System.Text.RegularExpressions;

namespace CostGuard.Json;

/// <summary>
/// Finds URLs in input text and keeps them out of messages: a webhook URL is a secret (whoever has it can
/// post to the channel), so an error about one must never repeat it.
/// </summary>
internal static partial class UrlRedactor
{
    public const string Placeholder = "<redacted URL>";

    public static bool ContainsUrl(string text) => UrlPattern().IsMatch(text);

    public static string Redact(string text) => UrlPattern().Replace(text, Placeholder);

    /// <summary>Names the kind of URL without repeating it, e.g. "a Slack incoming-webhook URL".</summary>
    public static string Describe(string text)
    {
        var match = UrlPattern().Match(text);
        if (!match.Success || !Uri.TryCreate(match.Value, UriKind.Absolute, out var uri))
        {
            return "a URL";
        }

        var host = uri.Host.ToLowerInvariant();
        if (host == "hooks.slack.com")
        {
            return "a Slack incoming-webhook URL";
        }

        if (host.EndsWith(".webhook.office.com", StringComparison.Ordinal) || host.EndsWith(".logic.azure.com", StringComparison.Ordinal)
            || host.EndsWith(".powerplatform.com", StringComparison.Ordinal) || host == "webhook.office.com")
        {
            return "a Microsoft Teams / Power Automate webhook URL";
        }

        return "a URL";
    }

    /// <summary>
    /// Masks the user-information part (<c>user:password@</c>) of every URL in <paramref name="text"/>, whatever the
    /// scheme (<c>ftp://user:pass@host</c> too), keeping scheme, host and path so the message still says where.
    /// </summary>
    public static string RedactUserInfo(string text) =>
        string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal)
            ? text
            : UserInfoPattern().Replace(text, "${scheme}" + UserInfoPlaceholder + "@");

    public const string UserInfoPlaceholder = "[redacted]";

    [GeneratedRegex(@"https?://[^\s""']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    // Greedy up to the last '@' before the path: a password may itself hold an unescaped '@'.
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s""'<>]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfoPattern();
}
