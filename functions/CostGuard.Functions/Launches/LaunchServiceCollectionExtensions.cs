using CostGuard.Aws.Launches;
using CostGuard.Azure.Launches;
using CostGuard.Functions.Hosting;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Ports;
using CostGuard.Storage;
using CostGuard.Storage.Launches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.Metrics;

namespace CostGuard.Functions.Launches;

/// <summary>The launch-event functions' services: intake, queue, parsers, instance readers, the Table Storage burn ledger, the processor.</summary>
public static class LaunchServiceCollectionExtensions
{
    public static IServiceCollection AddCostGuardLaunchEvents(this IServiceCollection services)
    {
        services.AddCostGuardAwsLaunch();
        services.AddCostGuardAzureLaunch();
        services.TryAddSingleton(sp => sp.GetService<IMeterFactory>() is { } factory ? new LaunchMetrics(factory) : new LaunchMetrics());
        services.TryAddSingleton<IEventQueue>(sp => new StorageEventQueue(sp.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.EventQueue)));
        services.TryAddSingleton<IBurnLedger>(sp => new TableBurnLedger(sp.GetService<StorageAccount>() ?? LedgerStorage(sp.GetRequiredService<StorageClients>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILaunchEventParser, EventBridgeParser>());
        services.TryAddSingleton(sp => new LaunchEventReader(sp.GetServices<ILaunchEventParser>()));
        services.TryAddSingleton(sp => new LaunchProcessor(
            sp.GetServices<IInstanceReader>(),
            sp.GetServices<ICloudFleetProvider>(),
            sp.GetRequiredService<IBurnLedger>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetService<IAlertNotifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<LedgerRebuildOptions>()));
        services.TryAddSingleton<LaunchEventService>();
        services.TryAddSingleton<EventBridgeIntake>();
        return services;
    }

    // Without the Table state registered, the ledger lives on the app's own storage connection with the default prefix.
    private static StorageAccount LedgerStorage(StorageClients clients) => new(clients.Tables, clients.Blobs, new TableStateOptions());
}
