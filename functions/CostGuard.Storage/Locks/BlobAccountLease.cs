using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Locks;

/// <summary>A held account lock: the blob lease id plus the expiry stamped in the blob's metadata.</summary>
internal sealed class BlobAccountLease(BlobClient blob, BlobLeaseClient lease, string holder, TimeSpan duration, TimeProvider time) : IAccountLease
{
    private int _released;

    public string Holder => holder;

    public DateTimeOffset ExpiresAt { get; private set; }

    public Task<bool> RenewAsync(CancellationToken cancellationToken) => StampAsync(cancellationToken);

    /// <summary>Writes holder and expiry under the lease id: fails (false) once the lease was broken by a takeover.</summary>
    internal async Task<bool> StampAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _released) != 0)
        {
            return false;
        }

        var expiresAt = time.GetUtcNow() + duration;
        var metadata = new Dictionary<string, string>
        {
            [BlobAccountLock.HolderKey] = Uri.EscapeDataString(holder),
            [BlobAccountLock.ExpiresAtKey] = StorageTimes.Format(expiresAt),
        };
        try
        {
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
            ExpiresAt = expiresAt;
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
        {
            // Lost to a takeover already: nothing of ours to release.
        }
    }
}
