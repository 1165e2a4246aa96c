using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;

namespace CostGuard.Azure;

/// <summary>Builds the Azure provider for a composition root from its settings (CONTRACTS.md names).</summary>
public static class AzureProviderFactory
{
    /// <summary>How long one subscription's sweep may take (ISO-8601 duration, e.g. <c>PT4M</c>); default 4 minutes.</summary>
    public const string SweepDeadlineSetting = "COSTGUARD_AZURE_SWEEP_DEADLINE";

    /// <summary>
    /// The Azure provider; with a malformed endpoint setting, a provider that reports the setting's error for
    /// every Azure account instead of throwing, so the other clouds' accounts are still swept.
    /// </summary>
    /// <param name="configure">Adjusts the options after the settings are read (tests inject a fake transport and credential).</param>
    public static ICloudFleetProvider Create(
        Func<string, string?> getSetting,
        IBillingCache billingCache,
        ApiRequestCounter requests,
        TimeProvider time,
        Func<AzureProviderOptions, AzureProviderOptions>? configure = null,
        ILogger<AzureFleetProvider>? logger = null)
    {
        AzureEndpoints endpoints;
        TimeSpan? deadline;
        try
        {
            endpoints = AzureEndpoints.FromSettings(getSetting);
            deadline = ReadDeadline(getSetting(SweepDeadlineSetting));
        }
        catch (ArgumentException ex)
        {
            return new MisconfiguredProvider(CloudKind.Azure, ex.Message);
        }

        var options = new AzureProviderOptions { Endpoints = endpoints };
        options = deadline is { } set ? options with { SweepDeadline = set } : options;
        return new AzureFleetProvider(configure?.Invoke(options) ?? options, billingCache, requests, time, logger);
    }

    private static TimeSpan? ReadDeadline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        TimeSpan value;
        try
        {
            value = System.Xml.XmlConvert.ToTimeSpan(text.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{SweepDeadlineSetting}='{text}' is not an ISO-8601 duration (e.g. PT4M).");
        }

        return value > TimeSpan.Zero && value <= TimeSpan.FromHours(24)
            ? value
            : throw new ArgumentException($"{SweepDeadlineSetting}='{text}' must be more than zero and at most P1D.");
    }
}
