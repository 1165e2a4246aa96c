using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>Where a person opens the instance: the EC2 console or the Azure portal page of the VM.</summary>
internal static class ConsoleLink
{
    /// <summary>Null when the instance is not identified well enough to link to (a sample, an unexpected id).</summary>
    public static (string Title, Uri Url)? For(InstanceSnapshot? instance)
    {
        if (instance is null)
        {
            return null;
        }

        if (instance.Cloud == CloudKind.Aws && instance.Id.StartsWith("i-", StringComparison.Ordinal) && instance.Region.Length > 0)
        {
            var region = Uri.EscapeDataString(instance.Region);
            var url = $"https://{region}.console.aws.amazon.com/ec2/home?region={region}#InstanceDetails:instanceId={Uri.EscapeDataString(instance.Id)}";
            return Uri.TryCreate(url, UriKind.Absolute, out var aws) ? ("Open in AWS console", aws) : null;
        }

        if (instance.Cloud == CloudKind.Azure && instance.Id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate($"https://portal.azure.com/#@/resource{instance.Id}", UriKind.Absolute, out var azure)
                ? ("Open in Azure portal", azure)
                : null;
        }

        return null;
    }
}
