using CostGuard.Ports;
using Xunit;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Testing.Contracts;

/// <summary>What every <see cref="ISweepHealthStore"/> must do: failures in a row, reset on success, every result counted.</summary>
public abstract class SweepHealthContract
{
    protected abstract Task<ISweepHealthStore> CreateAsync();

    [Fact]
    public async Task Record_FailuresInARow_CountUpAndKeepTheLastError()
    {
        var store = await CreateAsync();
        await store.RecordAsync("p1", "aws", "111122223333", T0, true, null, CancellationToken.None);
        await store.RecordAsync("p1", "aws", "111122223333", T0.AddMinutes(5), false, "EC2 DescribeInstances: 503", CancellationToken.None);

        var after = await store.RecordAsync("p1", "aws", "111122223333", T0.AddMinutes(10), false, "STS AssumeRole: AccessDenied", CancellationToken.None);

        Assert.Equal(
            new SweepHealth
            {
                Policy = "p1", Cloud = "aws", Account = "111122223333", LastAttemptAt = T0.AddMinutes(10), LastSuccessAt = T0,
                FailuresInARow = 2, LastError = "STS AssumeRole: AccessDenied",
            },
            after);
        Assert.Equal([after], await store.ReadAsync("p1", CancellationToken.None));
    }

    [Fact]
    public async Task Record_SuccessAfterFailures_ResetsTheCountAndClearsTheError()
    {
        var store = await CreateAsync();
        await store.RecordAsync("p1", "azure", "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d", T0, false, "ARM 429", CancellationToken.None);
        await store.RecordAsync("p1", "azure", "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d", T0.AddMinutes(5), false, "ARM 429", CancellationToken.None);

        var after = await store.RecordAsync("p1", "azure", "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d", T0.AddMinutes(10), true, null, CancellationToken.None);

        Assert.Equal((0, (string?)null, (DateTimeOffset?)T0.AddMinutes(10), (DateTimeOffset?)T0.AddMinutes(10)), (after.FailuresInARow, after.LastError, after.LastSuccessAt, after.LastAttemptAt));
    }

    [Fact]
    public async Task Read_ByPolicyOrAll_ListsEveryAccountOnce()
    {
        var store = await CreateAsync();
        await store.RecordAsync("p1", "aws", "111122223333", T0, true, null, CancellationToken.None);
        await store.RecordAsync("p1", "aws", "444455556666", T0, false, "x", CancellationToken.None);
        await store.RecordAsync("p1", "aws", "111122223333", T0.AddMinutes(1), true, null, CancellationToken.None);
        await store.RecordAsync("p2", "aws", "111122223333", T0, true, null, CancellationToken.None);

        Assert.Equal(["111122223333", "444455556666"], (await store.ReadAsync("p1", CancellationToken.None)).Select(h => h.Account));
        Assert.Equal([("p1", "111122223333"), ("p1", "444455556666"), ("p2", "111122223333")], (await store.ReadAsync(null, CancellationToken.None)).Select(h => (h.Policy, h.Account)));
        Assert.Empty(await store.ReadAsync("p3", CancellationToken.None));
    }

    [Fact]
    public async Task Record_ConcurrentFailures_AreAllCounted()
    {
        var store = await CreateAsync();
        using var start = new SemaphoreSlim(0);
        var records = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.WaitAsync();
            return await store.RecordAsync("p1", "aws", "111122223333", T0.AddSeconds(i), false, $"failure {i}", CancellationToken.None);
        }).ToList();
        start.Release(records.Count);
        await Task.WhenAll(records).WaitAsync(Bound);

        var health = Assert.Single(await store.ReadAsync("p1", CancellationToken.None));
        Assert.Equal(8, health.FailuresInARow);
        Assert.Equal(T0.AddSeconds(7), health.LastAttemptAt);
    }
}
