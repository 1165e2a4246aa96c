using Amazon.Runtime;
using CostGuard.Hosting;
using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostGuard.Aws.Hosting;

/// <summary>Registers the AWS adapter for both composition roots.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the AWS <see cref="ICloudFleetProvider"/>: endpoint overrides bound and validated at start, the state
    /// store's billing cache, the shared request counter. Credentials come from the standard chain; its first link
    /// (AWS_ACCESS_KEY_ID/SECRET/SESSION_TOKEN) is read through the configuration so in-process runs see the same values.
    /// </summary>
    public static IServiceCollection AddCostGuardAws(this IServiceCollection services)
    {
        services.AddValidatedSettings<AwsSettings, AwsSettingsValidator>();
        services.AddSingleton<ICloudFleetProvider>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new AwsFleetProvider(new AwsProviderSettings
            {
                GetVariable = name => configuration[name],
                BillingCache = sp.GetRequiredService<IBillingCache>(),
                Requests = sp.GetRequiredService<ApiRequestCounter>(),
                Time = sp.GetRequiredService<TimeProvider>(),
                Credentials = EnvironmentCredentials(configuration),
                Logger = sp.GetService<ILoggerFactory>()?.CreateLogger("CostGuard.Aws"),
            });
        });
        return services;
    }

    internal static Func<AWSCredentials>? EnvironmentCredentials(IConfiguration configuration)
    {
        var key = configuration["AWS_ACCESS_KEY_ID"];
        var secret = configuration["AWS_SECRET_ACCESS_KEY"];
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var token = configuration["AWS_SESSION_TOKEN"];
        return string.IsNullOrEmpty(token) ? () => new BasicAWSCredentials(key, secret) : () => new SessionAWSCredentials(key, secret, token);
    }
}
