using CostGuard.Fanout;
using CostGuard.Launches;
using CostGuard.Ports;
using CostGuard.Status;
using CostGuard.Sweeps;
using CostGuard.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.Metrics;

namespace CostGuard.Hosting;

/// <summary>
/// The engine's services for both composition roots (the CLI and the Functions app). Cloud adapters, the state store
/// and the alert senders are added by their own extensions (<c>AddCostGuardAws</c>, <c>AddCostGuardAzure</c>,
/// <c>AddCostGuardSqliteState</c>/<c>AddCostGuardTableState</c>, <c>AddCostGuardAlerts</c>).
/// </summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Clock, meter, request counter, guard settings (validated at start) and the sweep itself.</summary>
    public static IServiceCollection AddCostGuardCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetService<IMeterFactory>() is { } factory ? new CostGuardMetrics(factory) : new CostGuardMetrics());
        services.TryAddSingleton(sp => new ApiRequestCounter(sp.GetRequiredService<CostGuardMetrics>()));
        services.AddValidatedSettings<GuardOptions, GuardOptionsValidator>();
        services.TryAddTransient(sp => new GuardSweep(
            sp.GetServices<ICloudFleetProvider>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetService<IAlertNotifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ApiRequestCounter>()));
        services.TryAddSingleton<Func<GuardSweep>>(sp => sp.GetRequiredService<GuardSweep>);
        return services;
    }

    /// <summary>
    /// The fan-out services behind the Functions triggers: scheduler, account sweep, poison handler and status. The
    /// host registers the ports they use (policy source and versions, ledger, queue, lock, budget, health, status).
    /// </summary>
    public static IServiceCollection AddCostGuardFanout(this IServiceCollection services)
    {
        services.TryAddSingleton<PolicyCache>();
        services.TryAddSingleton(sp => new PolicyCatalog(
            sp.GetRequiredService<IPolicySource>(),
            sp.GetRequiredService<IPolicyVersionStore>(),
            sp.GetRequiredService<PolicyCache>(),
            sp.GetService<IAlertNotifier>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PolicyCatalog>>()));
        services.TryAddSingleton<SweepScheduler>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AccountSweepService>(sp, Optional<IAlertNotifier>(sp)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<PoisonSweepHandler>(sp, Optional<IAlertNotifier>(sp)));
        services.TryAddSingleton<StatusService>();
        return services;
    }

    /// <summary>
    /// The launch-event processor for both composition roots (the <c>event</c> verb and the launch-event function). The
    /// host registers the burn ledger with its state store and the clouds' instance readers with their adapters.
    /// </summary>
    public static IServiceCollection AddCostGuardLaunchProcessor(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new LaunchProcessor(
            sp.GetServices<IInstanceReader>(),
            sp.GetServices<ICloudFleetProvider>(),
            sp.GetRequiredService<IBurnLedger>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetService<IAlertNotifier>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<LedgerRebuildOptions>()));
        return services;
    }

    // ActivatorUtilities cannot pass null for a missing optional service; an array carries "maybe none".
    private static object[] Optional<T>(IServiceProvider sp)
        where T : class => sp.GetService<T>() is { } service ? [service] : [];
}
