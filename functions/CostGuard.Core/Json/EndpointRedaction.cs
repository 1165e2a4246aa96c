namespace CostGuard.Json;

/// <summary>
/// For adapters and hosts: removes credentials written into endpoint URLs (<c>AWS_ENDPOINT_URL_EC2=ftp://user:pass@...</c>)
/// from any text before it is printed, logged, audited or alerted.
/// </summary>
public static class EndpointRedaction
{
    /// <summary>The text with the <c>user:password@</c> part of every URL in it masked.</summary>
    public static string Redact(string text) => UrlRedactor.RedactUserInfo(text);

    /// <summary>Null stays null.</summary>
    public static string? RedactOrNull(string? text) => text is null ? null : UrlRedactor.RedactUserInfo(text);
}
