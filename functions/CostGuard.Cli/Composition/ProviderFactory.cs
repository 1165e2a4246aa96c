using Amazon.Runtime;
using CostGuard.Aws;
using CostGuard.Azure;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Cli.Composition;

/// <summary>The CLI's composition root for clouds: one registration line per cloud adapter.</summary>
internal static class ProviderFactory
{
    /// <summary>Add a cloud here: <c>[CloudKind.Azure] = AzureProvider</c>.</summary>
    private static readonly Dictionary<CloudKind, Func<ProviderContext, ICloudFleetProvider>> Registrations = new()
    {
        [CloudKind.Aws] = AwsProvider,
        [CloudKind.Azure] = context => AzureProviderFactory.Create(context.Env.GetVariable, context.Billing, context.Requests, context.Env.Time, context.Env.ConfigureAzure),
    };

    /// <summary>Providers for the clouds the policy's accounts use (a cloud nobody needs is never configured).</summary>
    public static IReadOnlyList<ICloudFleetProvider> Create(Policy policy, ProviderContext context) =>
        policy.Accounts.Select(a => a.Cloud).Distinct()
            .Where(Registrations.ContainsKey)
            .Select(cloud => Registrations[cloud](context))
            .ToList();

    private static AwsFleetProvider AwsProvider(ProviderContext context) => new(new AwsProviderSettings
    {
        GetVariable = context.Env.GetVariable,
        BillingCache = context.Billing,
        Requests = context.Requests,
        Time = context.Env.Time,
        Credentials = EnvironmentCredentials(context.Env),
    });

    /// <summary>
    /// The first link of the standard chain (AWS_ACCESS_KEY_ID/SECRET/SESSION_TOKEN), read through the injected
    /// environment so in-process runs see the same variables; otherwise null lets the SDK walk the whole chain.
    /// </summary>
    internal static Func<AWSCredentials>? EnvironmentCredentials(CliEnvironment env)
    {
        var key = env.GetVariable("AWS_ACCESS_KEY_ID");
        var secret = env.GetVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var token = env.GetVariable("AWS_SESSION_TOKEN");
        return string.IsNullOrEmpty(token) ? () => new BasicAWSCredentials(key, secret) : () => new SessionAWSCredentials(key, secret, token);
    }
}
