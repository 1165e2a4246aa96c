namespace CostGuard.Azure.Http;

/// <summary>Names Azure requests for <see cref="CostGuard.Ports.ApiRequestCounter"/> from their method and path.</summary>
internal static class AzureOperationNames
{
    public const string Arm = "azure-arm";
    public const string Metrics = "azure-monitor";
    public const string Logs = "azure-loganalytics";
    public const string Cost = "azure-costmanagement";

    public static (string Service, string Operation) Classify(string method, Uri uri)
    {
        var path = uri.AbsolutePath;
        var query = uri.Query;
        if (path.EndsWith("metrics:getBatch", StringComparison.OrdinalIgnoreCase))
        {
            return (Metrics, "getBatch");
        }

        if (path.Contains("/workspaces/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/query", StringComparison.OrdinalIgnoreCase))
        {
            return (Logs, "query");
        }

        if (path.Contains("/Microsoft.CostManagement/query", StringComparison.OrdinalIgnoreCase))
        {
            return (Cost, "query");
        }

        if (path.Contains("/operations/", StringComparison.OrdinalIgnoreCase))
        {
            return (Arm, "pollOperation");
        }

        if (path.EndsWith("/virtualMachines", StringComparison.OrdinalIgnoreCase))
        {
            return (Arm, query.Contains("statusOnly=true", StringComparison.OrdinalIgnoreCase) ? "listVirtualMachinesStatus" : "listVirtualMachines");
        }

        if (path.EndsWith("/deallocate", StringComparison.OrdinalIgnoreCase))
        {
            return (Arm, "deallocate");
        }

        if (path.Contains("/virtualMachines/", StringComparison.OrdinalIgnoreCase))
        {
            return (Arm, method.ToUpperInvariant() switch
            {
                "GET" => "getVirtualMachine",
                "PATCH" => "updateVirtualMachine",
                "DELETE" => "deleteVirtualMachine",
                _ => "virtualMachine" + method.ToUpperInvariant(),
            });
        }

        return (Arm, method.ToUpperInvariant() + " other");
    }
}
