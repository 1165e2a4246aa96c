using CostGuard.Ports;

namespace CostGuard.Cli.Composition;

/// <summary>What every cloud provider gets from the CLI: its environment, the billing cache and the request counter.</summary>
internal sealed record ProviderContext(CliEnvironment Env, IBillingCache Billing, ApiRequestCounter Requests);
