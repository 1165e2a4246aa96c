using Azure;
using CostGuard.Fleet;
using CostGuard.Ports;

namespace CostGuard.Storage.Memory;

/// <summary>Guard memory per policy as one blob (<c>memory/&lt;policy&gt;.json</c>): it can outgrow a table property.</summary>
internal sealed class BlobGuardMemoryStore(StorageAccount account) : IGuardMemoryStore
{
    public async Task<GuardMemory> LoadAsync(string policyName, CancellationToken cancellationToken)
    {
        var container = await account.ContainerAsync(account.Options.StateContainer, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await container.GetBlobClient(Name(policyName)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return MemoryJson.Deserialize(result.Value.Content);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return GuardMemory.Empty;
        }
    }

    public async Task SaveAsync(string policyName, GuardMemory memory, CancellationToken cancellationToken)
    {
        var container = await account.ContainerAsync(account.Options.StateContainer, cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(Name(policyName)).UploadAsync(MemoryJson.Serialize(memory), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    private static string Name(string policy) => "memory/" + Uri.EscapeDataString(policy) + ".json";
}
