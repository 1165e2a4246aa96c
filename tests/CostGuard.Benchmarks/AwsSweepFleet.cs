using Amazon.Runtime;
using CostGuard.Aws;
using CostGuard.Aws.Testing;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.State;
using CostGuard.Sweeps;

namespace CostGuard.Benchmarks;

/// <summary>
/// A generated fleet of 10,000 GPU instances over 10 accounts x 2 regions behind the loopback fake AWS,
/// and a live sweep over it through the real SDK, thin clients, engine and SQLite state store.
/// </summary>
internal sealed class AwsSweepFleet : IAsyncDisposable
{
    public const int Accounts = 10;
    public static readonly string[] Regions = ["us-east-1", "us-west-2"];
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 2, 0, TimeSpan.Zero);

    private readonly string _stateFile = Path.Combine(Path.GetTempPath(), $"costguard-bench-{Guid.NewGuid():N}.db");

    /// <param name="endpoint">A fake AWS already serving this fleet (another process); null starts one here.</param>
    public AwsSweepFleet(int instances, Uri? endpoint = null)
    {
        Cloud = new FakeAwsCloud(() => Now);
        Generate(Cloud, instances);
        Server = endpoint is null ? new FakeAwsServer(Cloud) : null;
        Endpoint = endpoint ?? Server!.Endpoint;
        Policy = new Policy
        {
            Name = "bench-aws",
            Mode = PolicyMode.Enforce,
            Accounts = Enumerable.Range(0, Accounts).Select(i => new AccountScope
            {
                Cloud = CloudKind.Aws,
                Id = AccountId(i),
                Regions = Regions,
                RoleArn = $"arn:aws:iam::{AccountId(i)}:role/CostGuard",
            }).ToList(),
            Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
            Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromHours(4) },
            SpendCap = new SpendCapRule { MonthlyUsd = 10_000_000m, WarnAtPercent = [80] },
            Anomaly = new AnomalyRule(),
            Safety = new SafetyRule { MaxActionsPerSweep = 1000 },
        };
    }

    public FakeAwsCloud Cloud { get; }

    public FakeAwsServer? Server { get; }

    public Uri Endpoint { get; }

    public Policy Policy { get; }

    public static string AccountId(int i) => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One sweep (plan only: reads everything, decides, audits; the fleet stays as generated).</summary>
    public async Task<SweepResult> SweepAsync(TimeProvider time, IStateStore? state = null)
    {
        state ??= await SqliteStateStore.OpenAsync(_stateFile, CancellationToken.None);
        var requests = new ApiRequestCounter();
        var provider = new AwsFleetProvider(new AwsProviderSettings
        {
            GetVariable = name => name == "AWS_ENDPOINT_URL" ? Endpoint.ToString() : null,
            BillingCache = state,
            Requests = requests,
            Time = time,
            Credentials = () => new BasicAWSCredentials(FakeAwsCloud.BaseAccessKey, FakeAwsCloud.BaseSecretKey),
        });
        var sweep = new GuardSweep([provider], state, notifier: null, time, requests);
        return await sweep.RunAsync(Policy, new SweepOptions { Act = false }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_stateFile) + "*"))
        {
            File.Delete(file);
        }
    }

    private static void Generate(FakeAwsCloud cloud, int instances)
    {
        var random = new Random(42);
        string[] types = ["g5.xlarge", "g6.2xlarge", "p4d.24xlarge", "g4dn.xlarge", "p5.48xlarge"];
        var perRegion = instances / (Accounts * Regions.Length);
        var n = 0;
        for (var a = 0; a < Accounts; a++)
        {
            foreach (var region in Regions)
            {
                for (var i = 0; i < perRegion; i++, n++)
                {
                    var roll = random.NextDouble();
                    var instance = cloud.Add(new FakeInstance
                    {
                        Id = $"i-{n:x17}",
                        Account = AccountId(a),
                        Region = region,
                        Type = types[n % types.Length],
                        State = roll < 0.8 ? "running" : "stopped",
                        LaunchTime = Now.AddHours(-random.Next(1, 200)),
                        GpuPercent = roll < 0.05 ? null : roll < 0.3 ? 1 : 60,
                        CpuPercent = 20,
                    });
                    if (random.NextDouble() < 0.95)
                    {
                        instance.Tags["owner"] = $"user{random.Next(40)}";
                    }
                }
            }

            for (var d = 1; d <= 20; d++)
            {
                cloud.Costs.Add(new FakeCost(AccountId(a), DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-d), $"user{d % 7}", 1000m + d));
            }
        }
    }
}
