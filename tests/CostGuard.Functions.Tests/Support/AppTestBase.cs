using CostGuard.Aws.Testing;
using CostGuard.Fanout;
using CostGuard.Functions.Triggers;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Functions.Support;

/// <summary>The 3-account AWS fleet fixture behind the loopback fake, the app over Azurite, and trigger helpers.</summary>
public abstract class AppTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    internal FakeTimeProvider Time { get; } = new(FleetFixture.Now);

    internal FakeAwsCloud Cloud { get; private set; } = null!;

    internal FakeAwsServer Aws { get; private set; } = null!;

    internal AppHarness App { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Cloud = new FakeAwsCloud(() => Time.GetUtcNow());
        FleetFixture.Build(Cloud);
        Aws = new FakeAwsServer(Cloud);
        App = await AppHarness.StartAsync(azurite, Time, Aws, Settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Aws.DisposeAsync();
    }

    internal Task TickAsync(IServiceProvider? instance = null) =>
        App.Create<SweepSchedulerFunction>(instance).RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

    internal Task SweepAsync(string message, string invocation = "inv-1", IServiceProvider? instance = null) =>
        App.Create<AccountSweepFunction>(instance).RunAsync(message, new TestFunctionContext(invocation), CancellationToken.None);

    internal Task<AccountSweepOutcome> SweepWithOutcomeAsync(string message, string holder) =>
        App.Create<AccountSweepService>().RunAsync(SweepMessage.Parse(message), holder, CancellationToken.None);
}
