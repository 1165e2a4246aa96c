using Microsoft.Extensions.Options;

namespace CostGuard.Azure.Hosting;

/// <summary>Fails start-up on a malformed endpoint setting with the adapter's own message (which names the setting).</summary>
internal sealed class AzureSettingsValidator : IValidateOptions<AzureSettings>
{
    public ValidateOptionsResult Validate(string? name, AzureSettings options)
    {
        try
        {
            options.ToEndpoints();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
