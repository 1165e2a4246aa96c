using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Storage.Logging;
using CostGuard.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostGuard.Storage.Locks;

/// <summary>
/// The account lock as a blob lease on <c>locks/&lt;cloud&gt;/&lt;account&gt;</c>. The storage service's lease makes the
/// holder exclusive (only one acquire succeeds; every write needs the lease id). Blob leases last at most 60 s or
/// forever, while a sweep asks for its own duration, so the lease is taken without a server-side expiry and the blob's
/// metadata carries the holder and the expiry (<c>expiresat</c>, from the injected clock); renewing moves it on. A
/// contender that finds the expiry passed breaks the lease, conditioned on the blob's ETag so that a renewal or another
/// takeover in between wins, and acquires it: an expired lease is taken over, a live one never.
/// </summary>
internal sealed class BlobAccountLock(StorageAccount storage, TimeProvider time, ILogger? logger = null) : IAccountLock
{
    internal const string HolderKey = "holder";
    internal const string ExpiresAtKey = "expiresat";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<IAccountLease?> TryAcquireAsync(CloudKind cloud, string account, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var container = await storage.ContainerAsync(storage.Options.LocksContainer, cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient(BlobName(cloud, account));
        await EnsureExistsAsync(blob, cancellationToken).ConfigureAwait(false);

        // Two rounds: the second acquire follows breaking an expired lease.
        for (var round = 0; round < 2; round++)
        {
            var leaseClient = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
            try
            {
                await leaseClient.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsConflict(ex))
            {
                if (round > 0 || !await TryBreakExpiredAsync(blob, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            var lease = new BlobAccountLease(blob, leaseClient, holder, duration, time);
            return await lease.StampAsync(cancellationToken).ConfigureAwait(false) ? lease : null;
        }

        return null;
    }

    internal static string BlobName(CloudKind cloud, string account) =>
        cloud.ToString().ToLowerInvariant() + "/" + Uri.EscapeDataString(account.ToLowerInvariant());

    private static async Task EnsureExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Exists already (possibly leased): that is the normal case.
        }
    }

    private async Task<bool> TryBreakExpiredAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (properties.LeaseState != LeaseState.Leased)
        {
            return true; // released between our acquire and the read: try again
        }

        // A lease without a readable expiry was stamped by nobody (its holder died between acquire and stamp): expired.
        var expiresAt = properties.Metadata.TryGetValue(ExpiresAtKey, out var text) ? StorageTimes.ParseOrNull(text) : null;
        if (expiresAt is { } at && at > time.GetUtcNow())
        {
            return false;
        }

        try
        {
            await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, new RequestConditions { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            return false; // renewed or taken over since we read it
        }

        StorageLog.LockExpiredBroken(_logger, blob.Name, properties.Metadata.TryGetValue(HolderKey, out var h) ? h : "?", expiresAt ?? DateTimeOffset.MinValue);
        return true;
    }
}
