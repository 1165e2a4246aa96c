using CostGuard.Ports;
using CostGuard.Storage.Budget;
using CostGuard.Storage.Health;
using CostGuard.Storage.Locks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostGuard.Storage.Hosting;

/// <summary>Registers the Azure Storage state for the Functions app.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IStateStore"/> (and its parts), <see cref="IAccountLock"/>, <see cref="ISweepBudget"/> and
    /// <see cref="ISweepHealthStore"/> on the storage account of <c>AzureWebJobsStorage</c> (read from the registered
    /// <see cref="IConfiguration"/>), validated at start. <paramref name="configure"/> runs after the settings are read.
    /// </summary>
    public static IServiceCollection AddCostGuardTableState(this IServiceCollection services, Action<TableStateOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<TableStateOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>() is { } configuration)
                {
                    TableStateSettings.Bind(o, configuration);
                }
            });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStateOptions>, TableStateOptionsValidator>());

        services.TryAddSingleton(sp => StorageAccount.Create(sp.GetRequiredService<IOptions<TableStateOptions>>().Value));
        services.TryAddSingleton(sp => new TableStateStore(sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<TableStateStore>());
        services.TryAddSingleton<IBillingCache>(sp => sp.GetRequiredService<TableStateStore>());
        services.TryAddSingleton<IGuardMemoryStore>(sp => sp.GetRequiredService<TableStateStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<TableStateStore>());
        services.TryAddSingleton<IAlertLedger>(sp => sp.GetRequiredService<TableStateStore>());
        services.TryAddSingleton<IAccountLock>(sp => new BlobAccountLock(
            sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger<BlobAccountLock>()));
        services.TryAddSingleton<ISweepBudget>(sp => new TableSweepBudget(sp.GetRequiredService<StorageAccount>()));
        services.TryAddSingleton<ISweepHealthStore>(sp => new TableSweepHealthStore(sp.GetRequiredService<StorageAccount>()));
        return services;
    }
}
