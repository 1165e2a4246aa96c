using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CostGuard.Fanout;

namespace CostGuard.Functions.Storage;

/// <summary>
/// Policy versions as blobs named by hash (never overwritten, never deleted by the app), the version in force per
/// policy blob and the reported invalid versions as table entities (insert-only: the first reporter wins).
/// </summary>
internal sealed class StoragePolicyVersionStore(BlobContainerClient versions, LazyTable lazy) : IPolicyVersionStore
{
    private readonly CreatedOnce _containerCreated = new(token => versions.CreateIfNotExistsAsync(cancellationToken: token));

    private const string ActivePartition = "active";
    private const string InvalidPartition = "invalid";

    public async Task SaveVersionAsync(string hash, string content, CancellationToken cancellationToken)
    {
        await _containerCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            await versions.GetBlobClient(hash + ".json").UploadAsync(BinaryData.FromString(content), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Same hash, same text: another instance saved it first.
        }
    }

    public async Task<string?> GetVersionAsync(string hash, CancellationToken cancellationToken)
    {
        try
        {
            var download = await versions.GetBlobClient(hash + ".json").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(download.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadActiveAsync(CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == ActivePartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            active[entity.GetString("Blob")] = entity.GetString("Hash");
        }

        return active;
    }

    public async Task SetActiveAsync(string blobName, string hash, CancellationToken cancellationToken) =>
        await (await lazy.GetAsync(cancellationToken).ConfigureAwait(false)).UpsertEntityAsync(
            new TableEntity(ActivePartition, TableKeys.Escape(blobName)) { ["Blob"] = blobName, ["Hash"] = hash },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);

    public async Task<bool> TryMarkInvalidReportedAsync(string blobName, string hash, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(InvalidPartition, TableKeys.Escape($"{blobName}:{hash}")) { ["Blob"] = blobName, ["Hash"] = hash }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
