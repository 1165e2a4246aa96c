using CostGuard.Json;

namespace CostGuard.Aws.Endpoints;

/// <summary>
/// Resolves service endpoints the way the AWS SDKs and CLI do: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then
/// <c>AWS_ENDPOINT_URL</c>, then the public endpoint. Read through an injected lookup so tests can set it.
/// </summary>
internal sealed class AwsEndpoints(Func<string, string?> getVariable)
{
    /// <summary>The override for <paramref name="service"/>, or null for the public endpoint.</summary>
    public Uri? Override(AwsService service)
    {
        var name = service switch
        {
            AwsService.Ec2 => "AWS_ENDPOINT_URL_EC2",
            AwsService.CloudWatch => "AWS_ENDPOINT_URL_CLOUDWATCH",
            AwsService.CostExplorer => "AWS_ENDPOINT_URL_COST_EXPLORER",
            _ => "AWS_ENDPOINT_URL_STS",
        };
        var specific = getVariable(name);
        if (string.IsNullOrWhiteSpace(specific))
        {
            name = "AWS_ENDPOINT_URL";
        }

        var text = string.IsNullOrWhiteSpace(specific) ? getVariable(name) : specific;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // The value may carry credentials (user:password@): the error names the setting and never repeats them.
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{name}: '{EndpointRedaction.Redact(text.Trim())}' is not an absolute http(s) URL");
    }

    /// <summary>The endpoint to call for <paramref name="service"/> in <paramref name="region"/>.</summary>
    public Uri For(AwsService service, string region) => Override(service) ?? new Uri(service switch
    {
        AwsService.Ec2 => $"https://ec2.{region}.amazonaws.com/",
        AwsService.CloudWatch => $"https://monitoring.{region}.amazonaws.com/",

        // Cost Explorer lives in the partition's global region only.
        AwsService.CostExplorer => "https://ce.us-east-1.amazonaws.com/",
        _ => $"https://sts.{region}.amazonaws.com/",
    });
}
