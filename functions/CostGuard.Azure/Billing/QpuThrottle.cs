using System.Globalization;
using Azure;

namespace CostGuard.Azure.Billing;

/// <summary>Reads how long Cost Management wants us to wait: the largest of its QPU retry-after headers and Retry-After.</summary>
internal static class QpuThrottle
{
    private static readonly string[] Headers =
    [
        "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after",
        "Retry-After",
    ];

    /// <summary>The wait asked for; a throttled reply without any header gets <paramref name="fallback"/>.</summary>
    public static TimeSpan WaitFor(Response response, TimeSpan fallback)
    {
        TimeSpan? longest = null;
        foreach (var header in Headers)
        {
            if (response.Headers.TryGetValue(header, out var text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0)
            {
                var wait = TimeSpan.FromSeconds(seconds);
                longest = longest is null || wait > longest ? wait : longest;
            }
        }

        return longest ?? fallback;
    }
}
