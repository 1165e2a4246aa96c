namespace CostGuard.Alerts.Delivery;

/// <summary>
/// Removes a webhook URL from any text before it is logged or reported. The URL is the secret (Slack's path token,
/// Workflows' <c>sig</c>), and exception messages can quote it, so the whole URL, its path and query and each
/// long path segment or query value are all replaced, in raw and escaped forms.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "[redacted]";

    // Short pieces ("services", "v1") are not secrets and masking them would garble messages for nothing.
    private const int MinSecretPiece = 6;

    private readonly string[] _secrets;

    public SecretRedactor(string rawUrl)
    {
        var pieces = new HashSet<string>(StringComparer.Ordinal) { rawUrl };
        if (Uri.TryCreate(rawUrl, UriKind.Absolute, out var uri))
        {
            pieces.Add(uri.AbsoluteUri);
            pieces.Add(uri.OriginalString);
            pieces.Add(uri.ToString());
            pieces.Add(uri.PathAndQuery);
            if (uri.Query.Length > 1)
            {
                pieces.Add(uri.Query);
            }

            foreach (var segment in uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                pieces.Add(segment);
                pieces.Add(Uri.UnescapeDataString(segment));
            }

            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var value = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
                pieces.Add(value);
                pieces.Add(Uri.UnescapeDataString(value));
            }
        }

        foreach (var piece in pieces.ToArray())
        {
            pieces.Add(Uri.EscapeDataString(piece));
        }

        // Longest first, so a whole URL is masked before its parts are.
        _secrets = [.. pieces.Where(p => p.Length >= MinSecretPiece && p != "/").OrderByDescending(p => p.Length)];
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
