using System.Globalization;
using System.Text.Json;
using CostGuard.Azure.Http;
using CostGuard.Ports;

namespace CostGuard.Azure.Billing;

/// <summary>Cost Management rows per subscription through the billing cache: at most one query per subscription per TTL.</summary>
internal sealed class SpendReader(CostManagementClient client, IBillingCache cache, TimeSpan ttl)
{
    public async Task<BillingData> ReadAsync(string subscriptionId, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"azure:costmanagement:{subscriptionId.ToLowerInvariant()}:{from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        CachedBilling? cached;
        try
        {
            cached = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (BillingFetchFailedException ex)
        {
            // This query failed a moment ago (here or in another instance): report that rather than ask again.
            var lastRows = ex.LastAnswer is { } last ? TryDeserialize(last.Payload) : null;
            return lastRows is not null
                ? new BillingData(lastRows, ex.LastAnswer!.FetchedAt, FromCache: true, Problem: $"{ex.Problem} (using billing data from {ex.LastAnswer.FetchedAt:u})")
                : new BillingData(null, null, FromCache: false, Problem: ex.Problem);
        }

        IReadOnlyList<CostRow>? cachedRows = null;
        if (cached is not null)
        {
            cachedRows = TryDeserialize(cached.Payload);
            if (cachedRows is not null && now - cached.FetchedAt < ttl && cached.FetchedAt <= now)
            {
                return new BillingData(cachedRows, cached.FetchedAt, FromCache: true, Problem: null);
            }
        }

        try
        {
            var rows = await client.QueryDailyAsync(subscriptionId, from, now, cancellationToken).ConfigureAwait(false);
            await cache.SetAsync(key, new CachedBilling(Serialize(rows), now), cancellationToken).ConfigureAwait(false);
            return new BillingData(rows, now, FromCache: false, Problem: null);
        }
        catch (Exception ex) when (ex is AzureCallException or global::Azure.RequestFailedException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // End the fetch at once (other instances wait on it) and let the failure answer the next callers for a moment.
            await cache.ReleaseAsync(key, ex.Message, CancellationToken.None).ConfigureAwait(false);

            // Fall back to the last answer we had, saying so; without one, spend is unknown.
            return cachedRows is not null
                ? new BillingData(cachedRows, cached!.FetchedAt, FromCache: true, Problem: $"{ex.Message} (using billing data from {cached.FetchedAt:u})")
                : new BillingData(null, null, FromCache: false, Problem: ex.Message);
        }
        catch (Exception ex)
        {
            // Cancelled (the next caller simply fetches) or a failure this reader does not answer for: either way nobody
            // may wait on its claim. Not cancellable: the release must happen even when the sweep's token has fired.
            var cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            await cache.ReleaseAsync(key, cancelled ? null : ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    internal static string Serialize(IReadOnlyList<CostRow> rows) =>
        JsonSerializer.Serialize(rows.Select(r => new object[] { r.ResourceId, r.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), r.Cost, r.Currency }));

    private static List<CostRow>? TryDeserialize(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.EnumerateArray()
                .Select(r => new CostRow(
                    r[0].GetString() ?? "",
                    DateOnly.ParseExact(r[1].GetString() ?? "", "yyyyMMdd", CultureInfo.InvariantCulture),
                    r[2].GetDecimal(),
                    r[3].GetString() ?? "USD"))
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A cache entry we cannot read is as good as none: query again.
            return null;
        }
    }
}
