using CostGuard.Alerts;
using CostGuard.Aws.Hosting;
using CostGuard.Aws.Launches;
using CostGuard.Azure.Hosting;
using CostGuard.Azure.Launches;
using CostGuard.Cli.Commands;
using CostGuard.Hosting;
using CostGuard.Ports;
using CostGuard.State.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostGuard.Cli.Hosting;

/// <summary>
/// The CLI's composition root: the same extensions as the Functions app (<c>AddCostGuardCore</c>, <c>AddCostGuardAws</c>,
/// <c>AddCostGuardAzure</c>, <c>AddCostGuardAlerts</c>, <c>AddCostGuardSqliteState</c>), with settings read from the CLI's
/// environment. Settings are validated before anything runs; verbs take their services from the provider, never build them.
/// </summary>
internal static class CliServices
{
    /// <summary>The live verbs (<c>plan</c> without a snapshot, <c>enforce</c>, <c>event</c>): both clouds, alerts and the SQLite state.</summary>
    public static Task<ServiceProvider?> ForSweepsAsync(CliEnvironment env, string? statePath, string consequence, CancellationToken cancellationToken) =>
        BuildOrReportAsync(env, consequence, services => services
            .AddCostGuardCore()
            .AddCostGuardLaunchProcessor()
            .AddCostGuardAws()
            .AddCostGuardAwsLaunch()
            .AddCostGuardAzure(env.ConfigureAzure)
            .AddCostGuardAzureLaunch(env.ConfigureAzure)
            .AddCostGuardAlerts()
            .AddCostGuardSqliteState(StateFile(statePath)), cancellationToken);

    /// <summary><c>audit</c>: the SQLite state only.</summary>
    public static Task<ServiceProvider?> ForStateAsync(CliEnvironment env, string? statePath, string consequence, CancellationToken cancellationToken) =>
        BuildOrReportAsync(env, consequence, services => services.AddCostGuardSqliteState(StateFile(statePath)), cancellationToken);

    /// <summary><c>alerts test</c>: the Slack/Teams senders only (a test alert needs no state and no cloud).</summary>
    public static Task<ServiceProvider?> ForAlertsAsync(CliEnvironment env, string consequence, CancellationToken cancellationToken) =>
        BuildOrReportAsync(env, consequence, services => services.AddCostGuardAlerts(), cancellationToken);

    /// <summary>
    /// Opens the state file (the first use of the SQLite state), or writes why it cannot be opened on stderr and returns
    /// null; the verb then exits with a failure (the file is there but unusable: not an input the user mistyped).
    /// </summary>
    public static async Task<IStateStore?> OpenStateAsync(CliEnvironment env, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return services.GetRequiredService<IStateStore>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            var path = services.GetRequiredService<IOptions<SqliteStateOptions>>().Value.Path;
            await env.Error.WriteLineAsync($"error: cannot open the state file {path}: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Builds the services, or writes the settings error on stderr (ending with <paramref name="consequence"/>, e.g.
    /// "nothing was read or acted on") and returns null; the verb then exits with invalid input.
    /// </summary>
    private static async Task<ServiceProvider?> BuildOrReportAsync(
        CliEnvironment env, string consequence, Action<IServiceCollection> compose, CancellationToken cancellationToken)
    {
        try
        {
            return Build(env, compose);
        }
        catch (SettingsException ex)
        {
            await env.Error.WriteLineAsync($"error: {ex.Message}; {consequence}.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Builds the services; throws <see cref="SettingsException"/> naming a missing or malformed setting.</summary>
    private static ServiceProvider Build(CliEnvironment env, Action<IServiceCollection> compose)
    {
        var configuration = new ConfigurationBuilder().Add(new LookupConfigurationSource(env.GetVariable)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(env.Time);
        // Warnings and errors (retries, failed deliveries) go to stderr: a failed delivery is never silent.
        services.AddLogging(logging => logging.ClearProviders().AddProvider(new StderrLoggerProvider(env.Error)));
        // Webhook settings are read through the CLI's environment (a dictionary in in-process tests), not the process's.
        services.AddSingleton<IWebhookSettingResolver>(new EnvironmentWebhookSettingResolver(name => configuration[name]));
        compose(services);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException
            || (ex is AggregateException many && many.InnerExceptions.All(e => e is OptionsValidationException)))
        {
            // One options type failing throws its own exception, several throw them together: report every failure.
            provider.Dispose();
            throw new SettingsException(Describe(ex), ex);
        }

        return provider;
    }

    private static string Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => string.Join("; ", validation.Failures),
        AggregateException many => string.Join("; ", many.InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };

    // --state wins over COSTGUARD_STATE_FILE; start-up errors then name the option the user typed. Lock holders of
    // this machine's dead costguard processes are recognised, so a killed run does not block the next for the lease.
    private static Action<SqliteStateOptions> StateFile(string? statePath) => options =>
    {
        if (statePath is not null)
        {
            options.Path = statePath;
            options.PathSource = StateOption.Name;
        }

        options.IsHolderGone = LockHolders.IsGone;
    };
}
