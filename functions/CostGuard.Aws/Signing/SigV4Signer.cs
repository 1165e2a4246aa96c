using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace CostGuard.Aws.Signing;

/// <summary>
/// SigV4 for the thin JSON clients (Cost Explorer, CloudWatch): we build the canonical request; AWSSDK.Core's
/// signer derives the key and signature, so the crypto is the SDK's own.
/// </summary>
internal static class SigV4Signer
{
    /// <summary>Adds X-Amz-Date, X-Amz-Security-Token (session credentials) and Authorization to <paramref name="headers"/>.</summary>
    /// <param name="headers">Headers that will be sent and signed (names any case); must include content-type and any x-amz-target.</param>
    public static void Sign(
        IDictionary<string, string> headers,
        Uri endpoint,
        string method,
        byte[] body,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTimeOffset signedAt)
    {
        var utc = signedAt.UtcDateTime;
        headers["X-Amz-Date"] = utc.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (credentials.UseToken)
        {
            headers["X-Amz-Security-Token"] = credentials.Token;
        }

        var signed = headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: Trim(h.Value)))
            .Append(("host", endpoint.Authority))
            .GroupBy(h => h.Item1, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(x => x.Item2))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', signed.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(endpoint)).Append('\n')
            .Append(CanonicalQuery(endpoint)).Append('\n');
        foreach (var (name, value) in signed)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(AWS4Signer.ComputeHash(body)));
        var result = AWS4Signer.ComputeSignature(credentials, region, utc, service, signedHeaders, canonical.ToString());
        headers["Authorization"] = result.ForAuthorizationHeader;
    }

    private static string Trim(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string CanonicalPath(Uri endpoint) =>
        string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : string.Join('/', endpoint.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));

    private static string CanonicalQuery(Uri endpoint)
    {
        var query = endpoint.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query.Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: p.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(p[1])) : string.Empty))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }
}
