using CostGuard.Aws;
using CostGuard.Aws.Launches;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Cli.Composition;

/// <summary>The CLI's composition root for the launch path's one-instance readers, one registration per cloud.</summary>
internal static class InstanceReaderFactory
{
    private static readonly Dictionary<CloudKind, Func<ProviderContext, IInstanceReader>> Registrations = new()
    {
        [CloudKind.Aws] = context => new AwsInstanceReader(new AwsProviderSettings
        {
            GetVariable = context.Env.GetVariable,
            BillingCache = context.Billing,
            Requests = context.Requests,
            Time = context.Env.Time,
            Credentials = ProviderFactory.EnvironmentCredentials(context.Env),
        }),
    };

    public static IReadOnlyList<IInstanceReader> Create(Policy policy, ProviderContext context) =>
        policy.Accounts.Select(a => a.Cloud).Distinct()
            .Where(Registrations.ContainsKey)
            .Select(cloud => Registrations[cloud](context))
            .ToList();
}
