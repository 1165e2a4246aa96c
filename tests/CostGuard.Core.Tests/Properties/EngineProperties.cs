using CostGuard.Engine;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Properties;

/// <summary>Properties of the engine and the sweep over random fleets.</summary>
public sealed class EngineProperties
{
    [Fact]
    public void Evaluate_RandomFleetsAnyCaps_NeverStopsAnExemptOrNonGpuInstance() =>
        Gen.Select(RandomFleet.Fleet, Gen.OneOf<decimal?>(null, 0m, 2m, 10m), Gen.OneOf<int?>(null, 0, 1, 3))
            .Sample((fleet, cap, max) =>
            {
                var plan = new DecisionEngine().Evaluate(RandomFleet.Policy(cap, max), RandomFleet.Snapshot(fleet), RandomFleet.Now);
                Assert.DoesNotContain(plan.Actions.Concat(plan.Deferred), a => a.IsDisruptive && (a.Instance.Id.EndsWith("-2", StringComparison.Ordinal) || a.Instance.Id.EndsWith("-3", StringComparison.Ordinal)));
                Assert.DoesNotContain(plan.Actions, a => a.Instance.Id.EndsWith("-3", StringComparison.Ordinal));
            }, iter: 1000);

    [Fact]
    public void Evaluate_RandomFleetsNoCaps_NeverStopsABusyInstance() =>
        RandomFleet.Fleet.Sample(fleet =>
        {
            var plan = new DecisionEngine().Evaluate(RandomFleet.Policy(null, null), RandomFleet.Snapshot(fleet), RandomFleet.Now);
            Assert.DoesNotContain(plan.Actions, a => a.IsDisruptive && a.Instance.Id.EndsWith("-1", StringComparison.Ordinal));
        }, iter: 1000);

    [Fact]
    public async Task RunAsync_SameSweepReplayedAnyNumberOfTimes_SendsEachActionOnceAndAuditsItOnce() =>
        await Gen.Select(RandomFleet.Fleet, Gen.Int[1, 5]).SampleAsync(async (fleet, runs) =>
        {
            var provider = new FakeFleetProvider(Policies.CloudKind.Aws);
            provider.Reads[RandomFleet.Account] = account => new AccountReadResult
            {
                Account = account,
                Complete = true,
                Snapshot = RandomFleet.Snapshot(fleet).Accounts[0],
            };
            var state = new InMemoryStateStore();
            var sweep = new GuardSweep([provider], state, null, new FakeTimeProvider(RandomFleet.Now));
            var policy = RandomFleet.Policy(null, null);
            SweepResult? first = null;
            for (var i = 0; i < runs; i++)
            {
                var result = await sweep.RunAsync(policy, new SweepOptions { Act = true, SweepId = "replay" }, CancellationToken.None);
                first ??= result;
            }

            var sent = provider.Applied.SelectMany(a => a.Actions).Select(a => (a.Instance.Id, a.Action)).ToList();
            Assert.Equal(first!.Plan.Actions.Select(a => (a.Instance.Id, a.Action)).Order(), sent.Order());
            var rows = state.Audit.Where(r => r.Kind != AuditKinds.Decision).GroupBy(r => (r.ActionId, r.Kind)).ToList();
            Assert.All(rows, g => Assert.Single(g));
            Assert.Equal(sent.Count * 2, rows.Count);
            Assert.Equal(state.Audit.Count, state.Audit.Select(r => (r.ActionId ?? Guid.NewGuid().ToString(), r.Kind)).Distinct().Count());
        }, iter: 200);
}
