using Amazon.Runtime;
using CostGuard.Aws.Testing;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Aws.Support;

/// <summary>A fake AWS on loopback, a fake clock, and providers wired to both through AWS_ENDPOINT_URL.</summary>
internal sealed class AwsHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 2, 0, TimeSpan.Zero);

    public AwsHarness()
    {
        Time = new FakeTimeProvider(Now);
        RetryClock = new WaitSkippingTime(new FakeTimeProvider(Now));
        Cloud = new FakeAwsCloud(() => Time.GetUtcNow());
        Server = new FakeAwsServer(Cloud);
    }

    public FakeTimeProvider Time { get; }

    public FakeAwsCloud Cloud { get; }

    public FakeAwsServer Server { get; }

    public InMemoryBillingCache Cache { get; } = new();

    public ApiRequestCounter Requests { get; } = new();

    /// <summary>The thin clients' back-off clock: its own fake time, each wait recorded and skipped.</summary>
    public WaitSkippingTime RetryClock { get; }

    public IReadOnlyList<TimeSpan> Delays => RetryClock.Waits;

    public AwsFleetProvider Provider(Func<string, string?>? env = null) => new(new AwsProviderSettings
    {
        GetVariable = env ?? (name => name == "AWS_ENDPOINT_URL" ? Server.Endpoint.ToString() : null),
        BillingCache = Cache,
        Requests = Requests,
        Time = Time,
        Credentials = () => new BasicAWSCredentials(FakeAwsCloud.BaseAccessKey, FakeAwsCloud.BaseSecretKey),
        RetryTime = RetryClock,
    });

    public static AccountScope Account(string id, params string[] regions) => new()
    {
        Cloud = CloudKind.Aws,
        Id = id,
        Regions = regions,
        RoleArn = $"arn:aws:iam::{id}:role/CostGuardReadStop",
    };

    public static Policy Policy(params AccountScope[] accounts) => new()
    {
        Name = "aws-test",
        Mode = PolicyMode.Enforce,
        Accounts = accounts,
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
    };

    public FakeInstance Add(string id, string account, string region, string type = "g5.xlarge", string state = "running", double? gpu = 50, double? cpu = 20) =>
        Cloud.Add(new FakeInstance { Id = id, Account = account, Region = region, Type = type, State = state, GpuPercent = gpu, CpuPercent = cpu, LaunchTime = Now.AddHours(-2) });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
