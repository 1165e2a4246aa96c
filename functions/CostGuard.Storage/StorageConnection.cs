using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace CostGuard.Storage;

/// <summary>Turns <see cref="TableStateOptions"/> into clients; the validator uses the same code, so start-up fails on what would fail later.</summary>
internal static class StorageConnection
{
    public static StorageAccount Connect(TableStateOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new StorageAccount(new TableServiceClient(options.ConnectionString), new BlobServiceClient(options.ConnectionString), options);
        }

        var (blob, table) = Endpoints(options);
        TokenCredential credential = string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        return new StorageAccount(new TableServiceClient(table, credential), new BlobServiceClient(blob, credential), options);
    }

    public static (Uri Blob, Uri Table) Endpoints(TableStateOptions options)
    {
        var blob = (options.BlobServiceUri is { } b1 ? new Uri(b1) : null) ?? (options.AccountName is { Length: > 0 } a ? new Uri($"https://{a}.blob.core.windows.net") : null);
        var table = (options.TableServiceUri is { } t1 ? new Uri(t1) : null) ?? (options.AccountName is { Length: > 0 } b ? new Uri($"https://{b}.table.core.windows.net") : null);
        return blob is null || table is null
            ? throw new InvalidOperationException($"{TableStateOptions.SettingName} names no storage account.")
            : (blob, table);
    }
}
