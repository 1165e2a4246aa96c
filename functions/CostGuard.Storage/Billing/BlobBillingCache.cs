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
/// per lifetime. A fetcher that dies leaves a marker with an expiry; after <see cref="TableStateOptions.BillingFetchTimeout"/>
/// one waiter takes it over (an ETag-conditioned overwrite, again exactly one winner).
/// </summary>
internal sealed class BlobBillingCache : IBillingCache
{
    private const string ClaimedAtKey = "claimedat";
    private const string FetchedAtKey = "fetchedat";

    private readonly StorageAccount _account;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _pause;

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
        var marker = container.GetBlobClient(ValueName(key) + ".fetching");
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

            if (await TryClaimAsync(key, marker, cancellationToken).ConfigureAwait(false))
            {
                StorageLog.BillingFetchElected(_logger, key);
                return cached;
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

        // The answer is in: release the waiters (they see it fresh) and the next fetch's election.
        await container.GetBlobClient(ValueName(key) + ".fetching").DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private bool IsFresh(CachedBilling cached)
    {
        var age = _time.GetUtcNow() - cached.FetchedAt;
        return age >= TimeSpan.Zero && age < Options.BillingCacheLifetime;
    }

    private async Task<bool> TryClaimAsync(string key, BlobClient marker, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var metadata = new Dictionary<string, string> { [ClaimedAtKey] = StorageTimes.Format(now) };
        try
        {
            await marker.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Someone is fetching: take over only if their claim is older than the fetch timeout.
        }

        BlobProperties properties;
        try
        {
            properties = (await marker.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
        {
            return false; // the fetcher just finished: the next round reads its answer
        }

        var claimedAt = properties.Metadata.TryGetValue(ClaimedAtKey, out var text) ? StorageTimes.ParseOrNull(text) : null;
        if (claimedAt is { } at && now - at < Options.BillingFetchTimeout)
        {
            return false;
        }

        try
        {
            await marker.UploadAsync(
                BinaryData.Empty,
                new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
                cancellationToken).ConfigureAwait(false);
            StorageLog.BillingFetchTakenOver(_logger, key, claimedAt ?? DateTimeOffset.MinValue);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex) || StorageErrors.IsNotFound(ex))
        {
            return false;
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

    private static string ValueName(string key) => "billing/" + Uri.EscapeDataString(key);
}
