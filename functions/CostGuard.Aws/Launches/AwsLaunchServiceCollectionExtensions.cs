using CostGuard.Aws.Hosting;
using CostGuard.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostGuard.Aws.Launches;

/// <summary>Registers the AWS side of the launch path for both composition roots.</summary>
public static class AwsLaunchServiceCollectionExtensions
{
    /// <summary>Adds the AWS <see cref="IInstanceReader"/> (same settings and credentials as <c>AddCostGuardAws</c>).</summary>
    public static IServiceCollection AddCostGuardAwsLaunch(this IServiceCollection services)
    {
        services.AddSingleton<IInstanceReader>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new AwsInstanceReader(new AwsProviderSettings
            {
                GetVariable = name => configuration[name],
                BillingCache = sp.GetRequiredService<IBillingCache>(),
                Requests = sp.GetRequiredService<ApiRequestCounter>(),
                Time = sp.GetRequiredService<TimeProvider>(),
                Credentials = AwsServiceCollectionExtensions.EnvironmentCredentials(configuration),
                Logger = sp.GetService<ILoggerFactory>()?.CreateLogger("CostGuard.Aws.Launches"),
            });
        });
        return services;
    }
}
