using CostGuard.Alerts;
using CostGuard.Aws.Hosting;
using CostGuard.Azure.Hosting;
using CostGuard.Fanout;
using CostGuard.Functions.Launches;
using CostGuard.Functions.Storage;
using CostGuard.Hosting;
using CostGuard.Status;
using CostGuard.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostGuard.Functions.Hosting;

/// <summary>The Functions app's composition: the shared CostGuard extensions plus the app's storage-backed fan-out ports.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the triggers need. To add a trigger family (launch events), add its ports and Core service next to
    /// <see cref="AddCostGuardAppStorage"/>; the triggers then take that one service.
    /// </summary>
    public static IServiceCollection AddCostGuardFunctions(this IServiceCollection services)
    {
        services.AddCostGuardCore()
            .AddCostGuardFanout()
            .AddCostGuardAws()
            .AddCostGuardAzure()
            .AddCostGuardAlerts()
            .AddCostGuardTableState()
            .AddCostGuardAppStorage()
            .AddCostGuardLaunchEvents();
        return services;
    }

    /// <summary>The storage connection (validated at start), the policy container, versions, ledger, queue and status table.</summary>
    public static IServiceCollection AddCostGuardAppStorage(this IServiceCollection services)
    {
        services.AddValidatedSettings<FunctionsSettings, FunctionsSettingsValidator>();
        services.AddSingleton(sp => StorageClients.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IPolicySource>(sp => new BlobPolicySource(
            sp.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(sp.GetRequiredService<IOptions<FunctionsSettings>>().Value.PolicyContainer),
            sp.GetRequiredService<ILogger<BlobPolicySource>>()));
        services.AddSingleton<IPolicyVersionStore>(sp =>
        {
            var clients = sp.GetRequiredService<StorageClients>();
            return new StoragePolicyVersionStore(clients.Blobs.GetBlobContainerClient(StorageNames.PolicyVersionContainer), Table(clients, StorageNames.PolicyTable));
        });
        services.AddSingleton<ISweepLedger>(sp => new TableSweepLedger(Table(sp.GetRequiredService<StorageClients>(), StorageNames.SweepLedgerTable)));
        services.AddSingleton<IAccountStatusStore>(sp => new TableAccountStatusStore(Table(sp.GetRequiredService<StorageClients>(), StorageNames.AccountStatusTable)));
        services.AddSingleton<ISweepQueue>(sp => new StorageSweepQueue(sp.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.SweepQueue)));
        return services;
    }

    private static LazyTable Table(StorageClients clients, string name) => new(clients.Tables.GetTableClient(name));
}
