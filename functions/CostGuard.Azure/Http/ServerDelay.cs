using System.Globalization;
using Azure;

namespace CostGuard.Azure.Http;

/// <summary>
/// How long a server asked us to wait: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, <c>Retry-After</c> (seconds or
/// an HTTP date) and Cost Management's QPU headers, taking the largest value present (Cost Management sends several).
/// </summary>
internal static class ServerDelay
{
    private static readonly string[] SecondsHeaders =
    [
        "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after",
    ];

    /// <summary>The wait asked for, or null when the reply names none.</summary>
    public static TimeSpan? Of(Response response)
    {
        TimeSpan? longest = null;
        void Consider(TimeSpan wait) => longest = longest is null || wait > longest ? wait : longest;

        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (Number(response, name) is { } ms)
            {
                Consider(TimeSpan.FromMilliseconds(ms));
            }
        }

        foreach (var name in SecondsHeaders)
        {
            if (Number(response, name) is { } seconds)
            {
                Consider(TimeSpan.FromSeconds(seconds));
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var text))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                Consider(TimeSpan.FromSeconds(seconds));
            }
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && response.Headers.Date is { } now)
            {
                Consider(when > now ? when - now : TimeSpan.Zero);
            }
        }

        return longest;
    }

    private static double? Number(Response response, string name) =>
        response.Headers.TryGetValue(name, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && value >= 0 && value < TimeSpan.MaxValue.TotalSeconds
            ? value
            : null;
}
