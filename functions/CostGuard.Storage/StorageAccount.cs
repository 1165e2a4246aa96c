using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace CostGuard.Storage;

/// <summary>
/// The storage account's clients and the names the state uses, creating each table and container once per process
/// (on first use, so that building the app never needs the network).
/// </summary>
public sealed class StorageAccount
{
    private readonly Dictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public StorageAccount(TableServiceClient tables, BlobServiceClient blobs, TableStateOptions options)
    {
        Tables = tables;
        Blobs = blobs;
        Options = options;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public TableStateOptions Options { get; }

    /// <summary>Builds the clients from validated options (connection string, or account endpoints with Entra ID).</summary>
    public static StorageAccount Create(TableStateOptions options) => StorageConnection.Connect(options);

    internal async Task<TableClient> TableAsync(string name, CancellationToken cancellationToken)
    {
        var fullName = Options.TablePrefix + name;
        var client = Tables.GetTableClient(fullName);
        await OnceAsync("table:" + fullName, ct => client.CreateIfNotExistsAsync(ct), cancellationToken).ConfigureAwait(false);
        return client;
    }

    internal async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        var client = Blobs.GetBlobContainerClient(name);
        await OnceAsync("container:" + name, ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return client;
    }

    private async Task OnceAsync(string key, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        Lazy<Task> lazy;
        lock (_gate)
        {
            if (!_created.TryGetValue(key, out lazy!))
            {
                lazy = new Lazy<Task>(() => create(CancellationToken.None));
                _created[key] = lazy;
            }
        }

        try
        {
            await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed create (network blip) is retried by the next caller instead of failing forever.
            lock (_gate)
            {
                if (_created.TryGetValue(key, out var current) && ReferenceEquals(current, lazy))
                {
                    _created.Remove(key);
                }
            }

            throw;
        }
    }
}
