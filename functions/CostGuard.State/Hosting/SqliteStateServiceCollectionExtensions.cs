using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CostGuard.State.Hosting;

/// <summary>Registers the SQLite state for the CLI (and any single-machine host).</summary>
public static class SqliteStateServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IStateStore"/> (and its parts), <see cref="IAccountLock"/>, <see cref="ISweepBudget"/>, <see cref="ISweepHealthStore"/> and
    /// <see cref="IBurnLedger"/> in one SQLite file: <c>COSTGUARD_STATE_FILE</c> from the registered <see cref="IConfiguration"/>, else the default path;
    /// <paramref name="configure"/> (e.g. the CLI's <c>--state</c>) runs last. Validated at start.
    /// </summary>
    public static IServiceCollection AddCostGuardSqliteState(this IServiceCollection services, Action<SqliteStateOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStateOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                var configured = sp.GetService<IConfiguration>()?[SqliteStateOptions.SettingName];
                o.Path = string.IsNullOrWhiteSpace(configured) ? SqliteStateStore.DefaultPath() : configured.Trim();
            });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStateOptions>, SqliteStateOptionsValidator>());

        // The stores open (and migrate) the file once; DI factories are synchronous and SQLite has no sync context to block.
        services.TryAddSingleton(sp => SqliteStateStore.OpenAsync(PathOf(sp), sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult());
        services.TryAddSingleton<IStateStore>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.TryAddSingleton<IBillingCache>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.TryAddSingleton<IGuardMemoryStore>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.TryAddSingleton<IAlertLedger>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccountLock>(sp => SqliteAccountLock.OpenAsync(
            EnsureFile(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SqliteStateOptions>>().Value.IsHolderGone, CancellationToken.None).GetAwaiter().GetResult());
        services.TryAddSingleton<ISweepBudget>(sp => SqliteSweepBudget.OpenAsync(PathOf(sp), CancellationToken.None).GetAwaiter().GetResult());
        services.TryAddSingleton<ISweepHealthStore>(sp => SqliteSweepHealthStore.OpenAsync(PathOf(sp), CancellationToken.None).GetAwaiter().GetResult());
        services.TryAddSingleton<IBurnLedger>(sp => SqliteBurnLedger.OpenAsync(
            EnsureFile(sp), sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult());
        return services;
    }

    /// <summary>The lock opens the file without creating its folder: the state store (which does) opens it first.</summary>
    private static string EnsureFile(IServiceProvider sp)
    {
        sp.GetRequiredService<SqliteStateStore>();
        return PathOf(sp);
    }

    private static string PathOf(IServiceProvider sp) => sp.GetRequiredService<IOptions<SqliteStateOptions>>().Value.Path;
}
