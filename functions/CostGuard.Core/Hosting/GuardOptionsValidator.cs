using Microsoft.Extensions.Options;

namespace CostGuard.Hosting;

/// <summary>Fails start-up on a guard setting out of range, naming the setting and what would be valid.</summary>
internal sealed class GuardOptionsValidator : IValidateOptions<GuardOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardOptions options)
    {
        var errors = new List<string>();
        if (options.UnhealthyAfterFailures is < 1 or > 100)
        {
            errors.Add($"{GuardOptions.UnhealthyAfterFailuresSetting} must be a whole number from 1 to 100 (got {options.UnhealthyAfterFailures})");
        }

        if (options.StaleAfterIntervals < 1)
        {
            errors.Add($"StaleAfterIntervals must be at least 1 (got {options.StaleAfterIntervals})");
        }

        if (options.LockDuration < TimeSpan.FromSeconds(15) || options.LockDuration > TimeSpan.FromSeconds(60))
        {
            // Blob leases last 15 to 60 seconds (or forever, which a crashed holder would never give back).
            errors.Add($"LockDuration must be from 15 to 60 seconds (got {options.LockDuration})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
