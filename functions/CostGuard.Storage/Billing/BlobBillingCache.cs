using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CostGuard.Ports;
using CostGuard.Storage.Logging;
using CostGuard.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostGuard.Storage.Billing;

/// <summary>
/// Billing answers as blobs (<c>billing/&lt;key&gt;</c>; a payload can outgrow a table property), with a single flight
/// across every function instance. The adapters read, and on a miss fetch and write. When the answer is missing or older
/// than <see cref="TableStateOptions.BillingCacheLifetime"/>, <see cref="GetAsync"/> elects ONE caller as the fetcher by
/// creating a <c>billing/&lt;key&gt;.fetching</c> marker blob with If-None-Match: * (the storage service lets exactly one
/// create succeed): that caller gets the stale answer (or null) and fetches; every other caller waits until the fresh
/// answer is written (<see cref="SetAsync"/> removes the marker), so Cost Explorer / Cost Management is asked once per key
/// per lifetime. A fetch that fails turns the marker, under the fetcher's ETag, into a failure record
/// (<see cref="ReleaseAsync"/>): waiters and later callers get that failure at once for
/// <see cref="TableStateOptions.BillingFailureLifetime"/>, after which one caller claims the record (ETag-conditioned) and
/// tries again, so a failing billing API still sees at most one call at a time per key. A fetcher that dies leaves a marker
/// with an expiry; after <see cref="TableStateOptions.BillingFetchTimeout"/> one waiter takes it over (again one winner).
/// </summary>
internal sealed class BlobBillingCache : IBillingCache
{
    private const string ClaimedAtKey = "claimedat";
    private const string FailedAtKey = "failedat";
    private const string ProblemKey = "problem";
    private const string FetchedAtKey = "fetchedat";

    /// <summary>Metadata is at most 8 KB in all; a longer problem is cut (its start says what failed).</summary>
    private const int MaxProblemLength = 1000;

    private readonly StorageAccount _account;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _pause;

    /// <summary>This instance's current claims (the marker ETag per key): ending a fetch touches only a marker it still owns.</summary>
    private readonly ConcurrentDictionary<string, ETag> _claims = new(StringComparer.Ordinal);

    public BlobBillingCache(StorageAccount account, TimeProvider time, ILogger? logger = null, Func<TimeSpan, CancellationToken, Task>? pause = null)
    {
        _account = account;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _pause = pause ?? ((delay, ct) => Task.Delay(delay, time, ct));
    }

    private TableStateOptions Options => _account.Options;

    public async Task<CachedBilling?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var container = await _account.ContainerAsync(Options.StateContainer, cancellationToken).ConfigureAwait(false);
        var value = container.GetBlobClient(ValueName(key));
        var marker = Marker(container, key);
        var waited = false;

        // Bounded: each round either returns or waits one poll interval; a stuck fetcher is taken over after its timeout.
        var maxRounds = 2 + (int)Math.Ceiling(Options.BillingFetchTimeout / Options.BillingPollInterval) * 2;
        for (var round = 0; round < maxRounds; round++)
        {
            var cached = await ReadAsync(value, cancellationToken).ConfigureAwait(false);
            if (cached is not null && IsFresh(cached))
            {
                return cached;
            }

            var claim = await TryClaimAsync(key, marker, cancellationToken).ConfigureAwait(false);
            switch (claim.Kind)
            {
                case ClaimOutcomeKind.Elected:
                    // The answer may have been written between the read above and this claim (its fetcher then removed
                    // its marker, which is what let this claim succeed): look again before asking the billing API twice.
                    var latest = await ReadAsync(value, cancellationToken).ConfigureAwait(false);
                    if (latest is not null && IsFresh(latest))
                    {
                        await EndClaimAsync(marker, claim.ETag, cancellationToken).ConfigureAwait(false);
                        return latest;
                    }

                    _claims[key] = claim.ETag;
                    StorageLog.BillingFetchElected(_logger, key);
                    return latest ?? cached;
                case ClaimOutcomeKind.Failed:
                    StorageLog.BillingFetchRecentlyFailed(_logger, key, claim.FailedAt);
                    throw new BillingFetchFailedException(claim.Problem!, claim.FailedAt, cached);
                case ClaimOutcomeKind.Again:
                    continue;
            }

            if (!waited)
            {
                StorageLog.BillingFetchWaiting(_logger, key);
                waited = true;
            }

            await _pause(Options.BillingPollInterval, cancellationToken).ConfigureAwait(false);
        }

        // Never reached with sane options; answering "not cached" lets the caller fetch rather than hang.
        return await ReadAsync(value, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetAsync(string key, CachedBilling value, CancellationToken cancellationToken)
    {
        var container = await _account.ContainerAsync(Options.StateContainer, cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient(ValueName(key));
        await blob.UploadAsync(
            BinaryData.FromString(value.Payload),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [FetchedAtKey] = StorageTimes.Format(value.FetchedAt) } },
            cancellationToken).ConfigureAwait(false);

        // The answer is in: release the waiters (they see it fresh) and the next fetch's election. A fetcher deletes only
        // its own claim (one taken over by a newer claimant stays theirs); a write without a claim clears any marker.
        var marker = Marker(container, key);
        var conditions = _claims.TryRemove(key, out var etag) ? new BlobRequestConditions { IfMatch = etag } : null;
        try
        {
            await marker.DeleteIfExistsAsync(conditions: conditions, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Taken over meanwhile: the newer claimant's marker is not ours to delete.
        }
    }

    public async Task ReleaseAsync(string key, string? problem, CancellationToken cancellationToken)
    {
        if (!_claims.TryRemove(key, out var etag))
        {
            return; // not this instance's fetch: someone else's marker is never touched
        }

        try
        {
            var container = await _account.ContainerAsync(Options.StateContainer, cancellationToken).ConfigureAwait(false);
            var marker = Marker(container, key);
            if (problem is null)
            {
                await marker.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }

            // One write both ends the claim and records the failure, so no caller can slip in between and call again.
            var metadata = new Dictionary<string, string>
            {
                [FailedAtKey] = StorageTimes.Format(_time.GetUtcNow()),
                [ProblemKey] = Uri.EscapeDataString(problem.Length > MaxProblemLength ? problem[..MaxProblemLength] : problem),
            };
            await marker.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfMatch = etag } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex) || StorageErrors.IsNotFound(ex))
        {
            // Taken over (or cleared by a fresh answer) meanwhile: nothing of ours left to release.
        }
        catch (RequestFailedException ex)
        {
            // The caller is handling the fetch's own failure; this one only costs waiters the fetch timeout.
            StorageLog.BillingReleaseFailed(_logger, key, ex);
        }
    }

    private static async Task EndClaimAsync(BlobClient marker, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await marker.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Taken over meanwhile: the newer claimant's marker is not ours to delete.
        }
    }

    private bool IsFresh(CachedBilling cached)
    {
        var age = _time.GetUtcNow() - cached.FetchedAt;
        return age >= TimeSpan.Zero && age < Options.BillingCacheLifetime;
    }

    private async Task<ClaimOutcome> TryClaimAsync(string key, BlobClient marker, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var metadata = new Dictionary<string, string> { [ClaimedAtKey] = StorageTimes.Format(now) };
        try
        {
            var created = await marker.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return ClaimOutcome.Elected(created.Value.ETag);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Someone is fetching (or just failed): take over only once their claim or failure has expired.
        }

        BlobProperties properties;
        try
        {
            properties = (await marker.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
        {
            return ClaimOutcome.Again; // the fetch just ended: its answer (or the free election) is there now
        }

        var failedAt = properties.Metadata.TryGetValue(FailedAtKey, out var failed) ? StorageTimes.ParseOrNull(failed) : null;
        var claimedAt = properties.Metadata.TryGetValue(ClaimedAtKey, out var text) ? StorageTimes.ParseOrNull(text) : null;
        if (failedAt is { } f && now - f < Options.BillingFailureLifetime)
        {
            var problem = properties.Metadata.TryGetValue(ProblemKey, out var p) ? Uri.UnescapeDataString(p) : "the billing fetch failed";
            return ClaimOutcome.Failed(problem, f);
        }

        if (failedAt is null && claimedAt is { } at && now - at < Options.BillingFetchTimeout)
        {
            return ClaimOutcome.Wait;
        }

        try
        {
            var replaced = await marker.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
                cancellationToken).ConfigureAwait(false);
            if (failedAt is null)
            {
                StorageLog.BillingFetchTakenOver(_logger, key, claimedAt ?? DateTimeOffset.MinValue);
            }

            return ClaimOutcome.Elected(replaced.Value.ETag);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex) || StorageErrors.IsNotFound(ex))
        {
            return ClaimOutcome.Wait;
        }
    }

    private static async Task<CachedBilling?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return result.Details.Metadata.TryGetValue(FetchedAtKey, out var at) && StorageTimes.ParseOrNull(at) is { } fetchedAt
                ? new CachedBilling(result.Content.ToString(), fetchedAt)
                : null;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    private static BlobClient Marker(BlobContainerClient container, string key) => container.GetBlobClient(ValueName(key) + ".fetching");

    private static string ValueName(string key) => "billing/" + Uri.EscapeDataString(key);
}
