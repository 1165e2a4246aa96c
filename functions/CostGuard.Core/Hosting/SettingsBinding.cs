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
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder)
        where T : class =>
        builder.Configure<IConfiguration>((options, configuration) => configuration.Bind(options));

    /// <summary>Adds options bound from the settings, validated by <typeparamref name="TValidator"/> when the host starts.</summary>
    public static IServiceCollection AddValidatedSettings<T, TValidator>(this IServiceCollection services)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddOptions<T>().BindSettings().ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        return services;
    }
}
