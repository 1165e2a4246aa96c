using System.Net.Http.Headers;

namespace CostGuard.Alerts.Delivery;

/// <summary>Reads a Retry-After header in either of its forms (seconds, or an HTTP date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is not RetryConditionHeaderValue value)
        {
            return null;
        }

        if (value.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
