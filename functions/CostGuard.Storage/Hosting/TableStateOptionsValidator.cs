using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CostGuard.Storage.Hosting;

/// <summary>
/// Fails start-up on a missing or malformed storage setting, naming it. Never echoes a connection string (it holds the
/// account key).
/// </summary>
internal sealed partial class TableStateOptionsValidator : IValidateOptions<TableStateOptions>
{
    private const string Setting = TableStateOptions.SettingName;

    public ValidateOptionsResult Validate(string? name, TableStateOptions options)
    {
        var errors = new List<string>();
        if (options.ConnectionString is { } connectionString)
        {
            CheckConnectionString(connectionString, errors);
        }
        else if (options.AccountName is null && (options.BlobServiceUri is null || options.TableServiceUri is null))
        {
            errors.Add(options.BlobServiceUri is null && options.TableServiceUri is null
                ? $"{Setting} is missing: set it to a storage connection string, or set {Setting}__accountName (identity-based access)."
                : $"{Setting}__{(options.BlobServiceUri is null ? "blobServiceUri" : "tableServiceUri")} is missing: identity-based access needs both service URIs, or {Setting}__accountName.");
        }

        if (options.ConnectionString is null)
        {
            if (options.AccountName is { } account && !AccountName().IsMatch(account))
            {
                errors.Add($"{Setting}__accountName '{account}' is not a storage account name (3-24 lower-case letters and digits).");
            }

            CheckUri($"{Setting}__blobServiceUri", options.BlobServiceUri, errors);
            CheckUri($"{Setting}__tableServiceUri", options.TableServiceUri, errors);
        }

        if (!TablePrefix().IsMatch(options.TablePrefix))
        {
            errors.Add($"the table prefix '{options.TablePrefix}' must be 1-40 letters and digits starting with a letter.");
        }

        foreach (var container in new[] { options.StateContainer, options.LocksContainer })
        {
            if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
            {
                errors.Add($"'{container}' is not a blob container name (3-63 lower-case letters, digits and single hyphens).");
            }
        }

        if (options.BillingCacheLifetime <= TimeSpan.Zero || options.BillingFetchTimeout <= TimeSpan.Zero || options.BillingFailureLifetime <= TimeSpan.Zero ||
            options.BillingPollInterval <= TimeSpan.Zero || options.BillingPollInterval > options.BillingFetchTimeout)
        {
            errors.Add("the billing cache lifetime, fetch timeout, failure lifetime and poll interval must be positive, the poll interval at most the fetch timeout.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckConnectionString(string connectionString, List<string> errors)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            _ = new BlobServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            errors.Add($"{Setting} is not a valid storage connection string (expected 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=...' or 'UseDevelopmentStorage=true'; {ex.GetType().Name}).");
        }
    }

    private static void CheckUri(string setting, string? value, List<string> errors)
    {
        if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add($"{setting} '{value}' is not an absolute http(s) URL.");
        }
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
