using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Azure.Identity;

namespace CostGuard.Aws.Credentials;

/// <summary>
/// Chooses the guard's base AWS credentials: with COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN set, the Azure managed
/// identity's token exchanged through AssumeRoleWithWebIdentity (no AWS key stored anywhere); otherwise the
/// host's credentials, else the standard AWS chain.
/// </summary>
internal static class BaseCredentials
{
    public static Func<AWSCredentials> Resolver(AwsProviderSettings settings, AwsClients clients) => () =>
        WebIdentitySettings.From(settings.GetVariable) is { } web
            ? new WebIdentityCredentials(web, settings.AzureTokenCredential ?? new DefaultAzureCredential(), clients, settings.Time)
            : settings.Credentials?.Invoke() ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
}
