using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using CostGuard.Fanout;

namespace CostGuard.Functions.Storage;

/// <summary>
/// The policies container (one policy per blob). Lists every tick, downloads a blob only when its ETag changed, so a
/// one-minute schedule costs one list call when nobody uploads anything.
/// </summary>
internal sealed class BlobPolicySource(BlobContainerClient container) : IPolicySource
{
    private readonly ConcurrentDictionary<string, (global::Azure.ETag ETag, string Content)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<PolicyDocument>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = new List<PolicyDocument>();
        if (!await container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return documents;
        }

        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var etag = item.Properties.ETag ?? default;
            if (!_cache.TryGetValue(item.Name, out var cached) || cached.ETag != etag)
            {
                var download = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                cached = (download.Value.Details.ETag, download.Value.Content.ToString());
                _cache[item.Name] = cached;
            }

            documents.Add(new PolicyDocument(item.Name, cached.Content));
        }

        return documents;
    }
}
