using CostGuard.Json;
using Microsoft.Extensions.Options;

namespace CostGuard.Aws.Hosting;

/// <summary>Fails start-up on an endpoint override that is not an absolute http(s) URL, naming the setting.</summary>
internal sealed class AwsSettingsValidator : IValidateOptions<AwsSettings>
{
    public ValidateOptionsResult Validate(string? name, AwsSettings options)
    {
        var errors = options.Endpoints()
            .Where(e => !string.IsNullOrWhiteSpace(e.Value)
                && !(Uri.TryCreate(e.Value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            .Select(e => $"{e.Setting} must be an absolute http(s) URL such as https://ec2.us-east-1.amazonaws.com (got '{EndpointRedaction.Redact(e.Value!.Trim())}')")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
