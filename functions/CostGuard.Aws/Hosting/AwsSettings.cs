using Microsoft.Extensions.Configuration;

namespace CostGuard.Aws.Hosting;

/// <summary>The AWS endpoint overrides (the SDKs' own setting names, CONTRACTS.md), validated at start.</summary>
public sealed class AwsSettings
{
    [ConfigurationKeyName("AWS_ENDPOINT_URL")]
    public string? EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_EC2")]
    public string? Ec2EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_CLOUDWATCH")]
    public string? CloudWatchEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_COST_EXPLORER")]
    public string? CostExplorerEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_STS")]
    public string? StsEndpointUrl { get; set; }

    public IEnumerable<(string Setting, string? Value)> Endpoints()
    {
        yield return ("AWS_ENDPOINT_URL", EndpointUrl);
        yield return ("AWS_ENDPOINT_URL_EC2", Ec2EndpointUrl);
        yield return ("AWS_ENDPOINT_URL_CLOUDWATCH", CloudWatchEndpointUrl);
        yield return ("AWS_ENDPOINT_URL_COST_EXPLORER", CostExplorerEndpointUrl);
        yield return ("AWS_ENDPOINT_URL_STS", StsEndpointUrl);
    }
}
