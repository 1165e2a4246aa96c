namespace CostGuard.Policies;

/// <summary>Which instance types are GPU instances, and where their GPU utilization comes from.</summary>
public sealed record GpuSelector
{
    /// <summary>Current AWS GPU instance families (the part of the type before the dot).</summary>
    public static readonly IReadOnlyList<string> DefaultAwsInstanceFamilies =
    [
        "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6e-gb200",
        "g4dn", "g4ad", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "gr6f",
    ];

    /// <summary>Azure GPU VM sizes: the NC, ND and NV families.</summary>
    public static readonly IReadOnlyList<string> DefaultAzureVmSizes = ["Standard_NC*", "Standard_ND*", "Standard_NV*"];

    /// <summary>AWS instance families, exact (<c>p4d</c>) or with <c>*</c> wildcards (<c>g*</c>).</summary>
    public IReadOnlyList<string> AwsInstanceFamilies { get; init; } = DefaultAwsInstanceFamilies;

    /// <summary>Azure VM size patterns with <c>*</c> wildcards, matched case-insensitively.</summary>
    public IReadOnlyList<string> AzureVmSizes { get; init; } = DefaultAzureVmSizes;

    /// <summary>CloudWatch metric carrying GPU % (the CloudWatch agent's NVIDIA metric by default).</summary>
    public MetricSelector AwsCloudWatchMetric { get; init; } = new() { Namespace = "CWAgent", Name = "nvidia_smi_utilization_gpu" };

    /// <summary>InsightsMetrics rows carrying GPU % (the Azure Monitor Agent's NVIDIA counter by default).</summary>
    public MetricSelector AzureInsightsMetric { get; init; } = new() { Namespace = "container.azm.ms/gpu", Name = "gpuutilization" };

    /// <summary>True when <paramref name="type"/> is a GPU instance type for <paramref name="cloud"/>.</summary>
    public bool IsGpu(CloudKind cloud, string type)
    {
        if (cloud == CloudKind.Aws)
        {
            var dot = type.IndexOf('.', StringComparison.Ordinal);
            var family = dot < 0 ? type : type[..dot];
            return AwsInstanceFamilies.Any(pattern => Wildcard.IsMatch(pattern, family));
        }

        return AzureVmSizes.Any(pattern => Wildcard.IsMatch(pattern, type));
    }
}
