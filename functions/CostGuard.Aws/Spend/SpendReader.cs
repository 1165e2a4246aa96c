using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using CostGuard.Aws.CostExplorer;
using CostGuard.Aws.Pricing;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Aws.Spend;

/// <summary>
/// Month-to-date GPU spend and daily cost per user for every AWS account of a policy from ONE daily
/// GetCostAndUsage query grouped by LINKED_ACCOUNT (and the anomaly user tag), cached for at least an hour
/// in the state store and shared by the accounts of a sweep. Only closed UTC days are used: today's
/// figures are partial, and live burn covers the time since.
/// </summary>
internal sealed class SpendReader(CostExplorerClient costExplorer, IBillingCache cache, AwsPriceTable prices, TimeProvider time)
{
    /// <summary>Cost Explorer bills $0.01 per request and refreshes a few times a day: never ask more often.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<CostRow>>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<AwsSpend> ReadAsync(Policy policy, string accountId, AWSCredentials credentials, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = BuildQuery(policy, now);
        var monthStart = DateOnly.FromDateTime(IsoTime.MonthStart(now).UtcDateTime);
        if (query is null)
        {
            // First day of the month and no anomaly rule: nothing closed to ask about yet.
            return new AwsSpend(0m, ToTime(monthStart), [], null);
        }

        IReadOnlyList<CostRow> rows;
        try
        {
            rows = await RowsAsync(query, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new AwsSpend(0m, null, [], $"Cost Explorer GetCostAndUsage failed: {ex.Message}");
        }

        var mine = rows.Where(r => r.Account == accountId).ToList();
        var month = mine.Where(r => r.Day >= monthStart).ToList();
        var lastBilledDay = month.Where(r => r.Usd != 0m).Select(r => (DateOnly?)r.Day).Max();
        var billedUntil = lastBilledDay is { } d ? ToTime(d.AddDays(1)) : ToTime(monthStart);
        return new AwsSpend(month.Sum(r => r.Usd), billedUntil, Daily(policy, mine, query), null);
    }

    private static List<DailyUsage> Daily(Policy policy, List<CostRow> rows, CostQuery query)
    {
        if (policy.Anomaly is null)
        {
            return [];
        }

        return rows
            .Where(r => r.Day >= query.End.AddDays(-(policy.Anomaly.BaselineDays + 1)))
            .GroupBy(r => r.Day)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var byUser = g.GroupBy(r => r.User ?? string.Empty, StringComparer.Ordinal).ToDictionary(u => u.Key, u => u.Sum(r => r.Usd), StringComparer.Ordinal);
                return new DailyUsage
                {
                    Day = g.Key,
                    SpendUsd = g.Sum(r => r.Usd),

                    // Cost Explorer knows spend, not GPU utilization: a user counts as active on a day they spent GPU money.
                    ActiveUsers = byUser.Count(u => u.Key.Length > 0 && u.Value > 0m),
                    SpendByUser = byUser,
                };
            })
            .ToList();
    }

    internal CostQuery? BuildQuery(Policy policy, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var start = DateOnly.FromDateTime(IsoTime.MonthStart(now).UtcDateTime);
        if (policy.Anomaly is { } anomaly)
        {
            var baselineStart = today.AddDays(-(anomaly.BaselineDays + 1));
            start = baselineStart < start ? baselineStart : start;
        }

        if (start >= today)
        {
            return null;
        }

        var accounts = policy.Accounts.Where(a => a.Cloud == CloudKind.Aws).Select(a => a.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new CostQuery(start, today, ExpandFamilies(policy.Gpu.AwsInstanceFamilies), accounts, policy.Anomaly?.UserTag);
    }

    /// <summary>Cost Explorer filters take exact families: wildcard patterns expand over the families we know prices for.</summary>
    private List<string> ExpandFamilies(IReadOnlyList<string> patterns)
    {
        var known = prices.KnownFamilies.Concat(GpuSelector.DefaultAwsInstanceFamilies).Distinct(StringComparer.Ordinal).ToList();
        return patterns
            .SelectMany(p => p.Contains('*', StringComparison.Ordinal) ? known.Where(f => Wildcard.IsMatch(p, f)) : [p])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private Task<IReadOnlyList<CostRow>> RowsAsync(CostQuery query, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var key = "aws:ce:" + Convert.ToHexStringLower(SHA256.HashData(CostExplorerClient.Serialize(query, null)))[..32];
        var lazy = _inFlight.GetOrAdd(key, k => new Lazy<Task<IReadOnlyList<CostRow>>>(() => FetchAsync(k, query, credentials, cancellationToken)));
        return AwaitOrForgetAsync(key, lazy);
    }

    private async Task<IReadOnlyList<CostRow>> AwaitOrForgetAsync(string key, Lazy<Task<IReadOnlyList<CostRow>>> lazy)
    {
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<CostRow>>>>(key, lazy));
            throw;
        }
    }

    private async Task<IReadOnlyList<CostRow>> FetchAsync(string key, CostQuery query, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cached = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null && now - cached.FetchedAt < CacheLifetime)
        {
            var stored = JsonSerializer.Deserialize<List<CostRow>>(cached.Payload);
            if (stored is not null)
            {
                return stored;
            }
        }

        IReadOnlyList<CostRow> rows;
        try
        {
            var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            rows = await costExplorer.GetDailyCostAsync(query, immutable, cancellationToken).ConfigureAwait(false);
            await cache.SetAsync(key, new CachedBilling(JsonSerializer.Serialize(rows), now), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // End the fetch at once (other instances wait on it) and, unless cancelled, let the failure answer the next
            // callers for a moment: a denied or throttled Cost Explorer is not asked once per account. Not cancellable:
            // the release must happen even when the sweep's token has fired.
            var cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            await cache.ReleaseAsync(key, cancelled ? null : ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // The in-process memo must not outlive the cache lifetime (the Functions host keeps providers for days).
        _ = ForgetLaterAsync(key);
        return rows;
    }

    private async Task ForgetLaterAsync(string key)
    {
        await Task.Delay(CacheLifetime, time).ConfigureAwait(false);
        _inFlight.TryRemove(key, out _);
    }

    private static DateTimeOffset ToTime(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
