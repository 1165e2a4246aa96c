using CostGuard.Alerts;
using CostGuard.Aws.Hosting;
using CostGuard.Aws.Launches;
using CostGuard.Azure.Hosting;
using CostGuard.Azure.Launches;
using CostGuard.Hosting;
using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostGuard.Cli.Hosting;

/// <summary>
/// The CLI's composition root: the same extensions as the Functions app, with settings read from the CLI's
/// environment and the SQLite state store the verb opened. Settings are validated before anything runs.
/// </summary>
internal static class CliServices
{
    /// <summary>
    /// Builds the services, or writes the settings error on stderr (ending with <paramref name="consequence"/>, e.g.
    /// "nothing was read or acted on") and returns null; the verb then exits with invalid input.
    /// </summary>
    public static async Task<ServiceProvider?> BuildOrReportAsync(CliEnvironment env, IStateStore state, string consequence, CancellationToken cancellationToken)
    {
        try
        {
            return Build(env, state);
        }
        catch (SettingsException ex)
        {
            await env.Error.WriteLineAsync($"error: {ex.Message}; {consequence}.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Builds the services; throws <see cref="SettingsException"/> naming a missing or malformed setting.</summary>
    public static ServiceProvider Build(CliEnvironment env, IStateStore state)
    {
        var configuration = new ConfigurationBuilder().Add(new LookupConfigurationSource(env.GetVariable)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(env.Time);
        // Warnings and errors (retries, failed deliveries) go to stderr: a failed delivery is never silent.
        services.AddLogging(logging => logging.ClearProviders().AddProvider(new StderrLoggerProvider(env.Error)));
        services.AddSingleton(state);
        services.AddSingleton<IBillingCache>(state);
        services.AddSingleton<IGuardMemoryStore>(state);
        services.AddSingleton<IAuditLog>(state);
        services.AddSingleton<IAlertLedger>(state);
        services.AddSingleton<IWebhookSettingResolver>(new EnvironmentWebhookSettingResolver(name => configuration[name]));
        services.AddCostGuardCore()
            .AddCostGuardAws()
            .AddCostGuardAwsLaunch()
            .AddCostGuardAzure(env.ConfigureAzure)
            .AddCostGuardAzureLaunch(env.ConfigureAzure)
            .AddCostGuardAlerts();
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            provider.Dispose();
            throw new SettingsException(ex is OptionsValidationException validation ? string.Join("; ", validation.Failures) : ex.Message, ex);
        }

        return provider;
    }
}
