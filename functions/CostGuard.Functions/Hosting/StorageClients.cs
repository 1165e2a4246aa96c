using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace CostGuard.Functions.Hosting;

/// <summary>
/// Storage clients for <c>AzureWebJobsStorage</c>, the connection the triggers use too: a connection string (Azurite:
/// <c>UseDevelopmentStorage=true</c>), or identity-based (<c>AzureWebJobsStorage__accountName</c> or the per-service
/// <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>, with <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class StorageClients
{
    public required BlobServiceClient Blobs { get; init; }

    public required QueueServiceClient Queues { get; init; }

    public required TableServiceClient Tables { get; init; }

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StorageNames.Connection])
        || !string.IsNullOrWhiteSpace(configuration[$"{StorageNames.Connection}:accountName"])
        || !string.IsNullOrWhiteSpace(configuration[$"{StorageNames.Connection}:blobServiceUri"]);

    public static StorageClients From(IConfiguration configuration)
    {
        // The Functions host writes and reads queue messages as Base64 by default; ours must match.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var connection = configuration[StorageNames.Connection];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new StorageClients
            {
                Blobs = new BlobServiceClient(connection),
                Queues = new QueueServiceClient(connection, queueOptions),
                Tables = new TableServiceClient(connection),
            };
        }

        var section = configuration.GetSection(StorageNames.Connection);
        var account = section["accountName"];
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageClients
        {
            Blobs = new BlobServiceClient(ServiceUri(section, "blobServiceUri", account, "blob"), credential),
            Queues = new QueueServiceClient(ServiceUri(section, "queueServiceUri", account, "queue"), credential, queueOptions),
            Tables = new TableServiceClient(ServiceUri(section, "tableServiceUri", account, "table"), credential),
        };
    }

    private static Uri ServiceUri(IConfigurationSection section, string key, string? account, string service) =>
        section[key] is { Length: > 0 } uri ? new Uri(uri) : new Uri($"https://{account}.{service}.core.windows.net");
}
