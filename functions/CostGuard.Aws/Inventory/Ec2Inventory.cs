using Amazon.EC2;
using Amazon.EC2.Model;
using CostGuard.Policies;

namespace CostGuard.Aws.Inventory;

/// <summary>Lists a region's GPU instances with server-side filters, 1000 per page.</summary>
internal static class Ec2Inventory
{
    public const int PageSize = 1000;

    /// <summary>States worth seeing: billing now, or about to be, or stopped (for orphan tagging and reaping).</summary>
    public static readonly List<string> States = ["pending", "running", "stopping", "stopped"];

    public static async Task<IReadOnlyList<Ec2Instance>> ListGpuInstancesAsync(IAmazonEC2 ec2, GpuSelector gpu, CancellationToken cancellationToken)
    {
        var request = new DescribeInstancesRequest
        {
            MaxResults = PageSize,
            Filters =
            [
                // "p4d" -> "p4d.*": the dot keeps p4d from matching p4de; "g*" -> "g*.*" keeps family wildcards.
                new Filter("instance-type", gpu.AwsInstanceFamilies.Select(f => f + ".*").ToList()),
                new Filter("instance-state-name", States),
            ],
        };
        var instances = new List<Ec2Instance>();
        do
        {
            var response = await ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var reservation in response.Reservations ?? [])
            {
                foreach (var instance in reservation.Instances ?? [])
                {
                    var mapped = Map(instance);
                    if (mapped is not null && gpu.IsGpu(CloudKind.Aws, mapped.Type))
                    {
                        instances.Add(mapped);
                    }
                }
            }

            request.NextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (request.NextToken is not null);
        return instances;
    }

    /// <summary>Current state and tags of the given instances (unknown ids are simply absent).</summary>
    public static async Task<IReadOnlyDictionary<string, Ec2Instance>> DescribeAsync(IAmazonEC2 ec2, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Ec2Instance>(StringComparer.Ordinal);

        // The instance-id filter (not InstanceIds) so one unknown id does not fail the whole call.
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(200))
        {
            var request = new DescribeInstancesRequest { Filters = [new Filter("instance-id", chunk.ToList())], MaxResults = PageSize };
            do
            {
                var response = await ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
                foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
                {
                    if (Map(instance) is { } mapped)
                    {
                        found[mapped.Id] = mapped;
                    }
                }

                request.NextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            }
            while (request.NextToken is not null);
        }

        return found;
    }

    private static Ec2Instance? Map(Instance instance)
    {
        if (string.IsNullOrEmpty(instance.InstanceId) || instance.InstanceType is null)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in instance.Tags ?? [])
        {
            if (tag.Key is not null)
            {
                tags[tag.Key] = tag.Value ?? string.Empty;
            }
        }

        DateTimeOffset? launch = instance.LaunchTime is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : null;
        return new Ec2Instance(
            instance.InstanceId,
            instance.InstanceType.Value,
            instance.State?.Name?.Value ?? "unknown",
            launch,
            tags,
            instance.InstanceLifecycle?.Value == "spot");
    }
}
