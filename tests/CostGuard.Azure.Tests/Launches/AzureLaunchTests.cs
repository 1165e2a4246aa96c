using CostGuard.Azure.Fakes;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Azure.Launches;

/// <summary>Launch enforcement through the real Azure SDK against the in-process ARM fake: one GET per event, at most one action.</summary>
public sealed class AzureLaunchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);
    private readonly AzureHarness _azure = new(Now);
    private readonly InMemoryBurnLedger _ledger = new();
    private readonly LaunchEventReader _events = new([new EventGridLaunchParser()]);

    private static Policy Policy() => new()
    {
        Name = "azure-launch",
        Mode = PolicyMode.Enforce,
        Accounts = [AzureHarness.Account(AzureHarness.SubA)],
        SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 400m },
        Orphans = new OrphanRule { RequiredTags = ["owner"] },
    };

    [Fact]
    public async Task Process_HundredConcurrentVmLaunches_ExactlyTwelveKeepRunning()
    {
        _ledger.Put(FreshLedger());
        var vms = Enumerable.Range(1, 100).Select(i => _azure.AddVm(AzureHarness.SubA, $"gpu-{i:000}", "eastus", "Standard_ND96amsr_A100_v4")).ToList();
        var processor = Processor();

        var results = await Task.WhenAll(vms.Select(vm => Task.Run(() => processor.ProcessAsync(Policy(), Parse(vm.Id), CancellationToken.None))));

        // $32.77/h each under a $400/h cap: 12 make $393.24/h, a 13th would make $426.01/h.
        var ledger = await _ledger.ReadAsync(CloudKind.Azure, AzureHarness.SubA, CancellationToken.None);
        Assert.Equal(393.24m, ledger!.BurnUsdPerHour);
        Assert.Equal(12, results.Count(r => r.Decision == LaunchDecision.Allowed));
        Assert.Equal(88, results.Count(r => r is { Decision: LaunchDecision.Stopped, Reason: "burn-cap" }));
        Assert.Equal(88, vms.Count(vm => vm.PowerState is "deallocated" or "deallocating"));
        Assert.Equal(12, vms.Count(vm => vm.PowerState == "running"));
    }

    [Fact]
    public async Task Process_GuardsOwnTagWriteAndReplays_ChangeNothing()
    {
        _ledger.Put(FreshLedger());
        var vm = _azure.AddVm(AzureHarness.SubA, "gpu-untagged", "eastus", tags: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        var processor = Processor();

        var first = await processor.ProcessAsync(Policy(), Parse(vm.Id), CancellationToken.None);

        // The orphan mark is itself a VM write: Event Grid delivers it as another ResourceWriteSuccess.
        var echoes = new List<LaunchResult>();
        for (var i = 0; i < 3; i++)
        {
            echoes.Add(await processor.ProcessAsync(Policy(), Parse(vm.Id), CancellationToken.None));
        }

        Assert.Equal(LaunchDecision.Marked, first.Decision);
        Assert.Equal("2026-11-16T12:02:00Z", vm.Tags["costguard:orphan"]);
        Assert.All(echoes, e => Assert.Equal((LaunchDecision.Ignored, LaunchReasons.AlreadyDecided), (e.Decision, e.Reason)));
        Assert.All(echoes, e => Assert.Empty(e.Outcomes));
    }

    [Fact]
    public async Task Process_DeallocatedVmWrite_IgnoredAsNotRunning()
    {
        _ledger.Put(FreshLedger());
        var vm = _azure.AddVm(AzureHarness.SubA, "gpu-off", "eastus", power: "deallocated");

        var result = await Processor().ProcessAsync(Policy(), Parse(vm.Id), CancellationToken.None);

        Assert.Equal((LaunchDecision.Ignored, LaunchReasons.NotRunning), (result.Decision, result.Reason));
    }

    private ParsedEvent Parse(string vmId) => Assert.Single(_events.Read(EventGridLaunchParserTests.EventGrid(vmId)));

    private LaunchProcessor Processor()
    {
        var options = new AzureProviderOptions
        {
            Endpoints = AzureEndpoints.FromSettings(name => name == AzureEndpoints.ArmSetting ? FakeAzureCloud.Host : null),
            Credential = _azure.Credential,
            Transport = new global::Azure.Core.Pipeline.HttpClientTransport(new HttpClient(_azure.Cloud)),
        };
        return new LaunchProcessor([new AzureInstanceReader(options, new ApiRequestCounter(), _azure.Clock)], [_azure.Provider], _ledger, null, null, new FakeTimeProvider(Now));
    }

    private static BurnLedgerState FreshLedger() => new()
    {
        Cloud = CloudKind.Azure,
        Account = AzureHarness.SubA,
        SyncedAt = Now.AddMinutes(-1),
        MonthToDateAsOf = Now.AddMinutes(-1),
    };
}
