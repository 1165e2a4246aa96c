using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Ledger;

/// <summary>
/// Sent alerts in table <c>&lt;prefix&gt;alertsent</c> (partition: route, row: dedup key); failed deliveries waiting for a
/// retry as blobs <c>pending/&lt;id&gt;.json</c> (a payload can outgrow a table property).
/// </summary>
internal sealed class TableAlertLedger(StorageAccount account) : IAlertLedger
{
    private const string Table = "alertsent";
    private const string PendingPrefix = "pending/";

    public async Task<DateTimeOffset?> LastSentAsync(string route, string dedupKey, CancellationToken cancellationToken)
    {
        var table = await account.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(route), TableKeys.Escape(dedupKey), ["SentAt"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? StorageTimes.ParseOrNull(entity.Value!.GetString("SentAt")) : null;
    }

    public async Task RecordSentAsync(string route, string dedupKey, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var table = await account.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKeys.Escape(route), TableKeys.Escape(dedupKey)) { ["SentAt"] = StorageTimes.Format(sentAt) };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task SavePendingAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var container = await account.ContainerAsync(account.Options.StateContainer, cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(PendingName(delivery.Id)).UploadAsync(BinaryData.FromObjectAsJson(PendingJson.From(delivery)), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var container = await account.ContainerAsync(account.Options.StateContainer, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = PendingPrefix }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        var list = new List<PendingDelivery>(names.Count);
        foreach (var name in names)
        {
            try
            {
                var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                if (content.Value.Content.ToObjectFromJson<PendingJson>() is { } json)
                {
                    list.Add(json.ToDelivery());
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Removed by a concurrent retry between the listing and the read.
            }
        }

        return list.OrderBy(d => d.FirstFailedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    public async Task RemovePendingAsync(string id, CancellationToken cancellationToken)
    {
        var container = await account.ContainerAsync(account.Options.StateContainer, cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(PendingName(id)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string PendingName(string id) => PendingPrefix + Uri.EscapeDataString(id) + ".json";
}
