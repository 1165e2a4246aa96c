using Azure.Core.Pipeline;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Azure.Fakes;

/// <summary>The real adapter (real Azure SDK inside) wired to the in-process fake cloud, a fake clock and recorded delays.</summary>
internal sealed class AzureHarness
{
    public const string SubA = "00000000-0000-0000-0000-00000000000a";
    public const string SubB = "00000000-0000-0000-0000-00000000000b";

    public AzureHarness(DateTimeOffset? now = null, Func<AzureProviderOptions, AzureProviderOptions>? configure = null)
    {
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 16, 12, 2, 0, TimeSpan.Zero));
        var options = new AzureProviderOptions
        {
            Endpoints = AzureEndpoints.FromSettings(name => name switch
            {
                AzureEndpoints.ArmSetting => FakeAzureCloud.Host,
                AzureEndpoints.MetricsSetting => FakeAzureCloud.Host + "/metrics/{region}",
                AzureEndpoints.LogsSetting => FakeAzureCloud.Host + "/logs",
                _ => null,
            }),
            Credential = Credential,
            Transport = new HttpClientTransport(new HttpClient(Cloud)),
        };
        Clock = new WaitSkippingTime(Time);
        Provider = new AzureFleetProvider(configure is null ? options : configure(options), Cache, Counter, Clock);
    }

    public FakeAzureCloud Cloud { get; } = new();

    public FakeTokenCredential Credential { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>The adapter's clock: <see cref="Time"/>, with every wait recorded and skipped.</summary>
    public WaitSkippingTime Clock { get; }

    public InMemoryBillingCache Cache { get; } = new();

    public ApiRequestCounter Counter { get; } = new();

    /// <summary>Every wait the adapter asked for (retries, QPU back-off, LRO polls); none really sleeps.</summary>
    public IReadOnlyList<TimeSpan> Delays => Clock.Waits;

    public AzureFleetProvider Provider { get; }

    public static AccountScope Account(string subscription, string? workspace = null) =>
        new() { Cloud = CloudKind.Azure, Id = subscription, LogAnalyticsWorkspaceId = workspace };

    public static Policy Policy(Func<Policy, Policy>? configure = null)
    {
        var policy = new Policy
        {
            Name = "azure-test",
            Mode = PolicyMode.Enforce,
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30) },
            SpendCap = new SpendCapRule { MonthlyUsd = 100_000m },
        };
        return configure is null ? policy : configure(policy);
    }

    public FakeVm AddVm(string subscription, string name, string location, string size = "Standard_NC24ads_A100_v4", string power = "running", Dictionary<string, string>? tags = null)
    {
        var vm = new FakeVm
        {
            Subscription = subscription,
            Name = name,
            Location = location,
            Size = size,
            PowerState = power,
            Tags = tags ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["owner"] = "alice" },
        };
        Cloud.Vms.Add(vm);
        return vm;
    }
}
