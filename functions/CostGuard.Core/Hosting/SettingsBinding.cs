using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostGuard.Hosting;

/// <summary>
/// Binds options from the configuration root: CostGuard's settings are flat app settings / environment variables
/// (<c>COSTGUARD_...</c>, <c>AWS_ENDPOINT_URL_EC2</c>) named by contract, not sections, so each property carries its
/// setting name in <see cref="ConfigurationKeyNameAttribute"/>. A value of the wrong type fails start-up with the
/// binder's message, which names the setting.
/// </summary>
public static class SettingsBinding
{
    /// <summary>
    /// Reads each property's setting by name. <c>configuration.Bind(options)</c> would bind nothing from a source that
    /// answers lookups but cannot list its keys (the CLI's environment lookup): the binder only binds an object whose
    /// section has children it can enumerate, and a malformed setting would then pass unnoticed.
    /// </summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder)
        where T : class =>
        builder.Configure<IConfiguration>(Bind);

    /// <summary>Adds options bound from the settings, validated by <typeparamref name="TValidator"/> when the host starts.</summary>
    public static IServiceCollection AddValidatedSettings<T, TValidator>(this IServiceCollection services)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddOptions<T>().BindSettings().ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        return services;
    }

    private static void Bind<T>(T options, IConfiguration configuration)
        where T : class
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            if (configuration[key] is null)
            {
                continue; // not set: the property keeps its default
            }

            // Throws InvalidOperationException "Failed to convert configuration value ... at 'KEY' to type ..." when malformed.
            property.SetValue(options, configuration.GetValue(property.PropertyType, key));
        }
    }
}
