using Microsoft.Extensions.Configuration;

namespace CostGuard.Storage.Hosting;

/// <summary>
/// Reads <c>AzureWebJobsStorage</c> the way the Functions host does: the value is a connection string; the children
/// (<c>AzureWebJobsStorage__accountName</c>, <c>__blobServiceUri</c>, <c>__tableServiceUri</c>, <c>__clientId</c>) select
/// identity-based access.
/// </summary>
internal static class TableStateSettings
{
    public static void Bind(TableStateOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(TableStateOptions.SettingName);
        options.ConnectionString = NullIfBlank(section.Value) ?? options.ConnectionString;
        options.AccountName = NullIfBlank(section["accountName"]) ?? options.AccountName;
        options.BlobServiceUri = NullIfBlank(section["blobServiceUri"]) ?? options.BlobServiceUri;
        options.TableServiceUri = NullIfBlank(section["tableServiceUri"]) ?? options.TableServiceUri;
        options.ClientId = NullIfBlank(section["clientId"]) ?? options.ClientId;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
