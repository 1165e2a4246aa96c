using Microsoft.Extensions.Configuration;

namespace CostGuard.Cli.Hosting;

/// <summary>
/// Configuration read through the CLI's environment lookup: the process environment in real runs, a dictionary in
/// in-process tests. Settings are flat names (<c>AWS_ENDPOINT_URL_EC2</c>), so a key lookup is all binding needs.
/// </summary>
internal sealed class LookupConfigurationSource(Func<string, string?> lookup) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(lookup);

    private sealed class Provider(Func<string, string?> lookup) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            value = lookup(key);
            return value is not null;
        }
    }
}
