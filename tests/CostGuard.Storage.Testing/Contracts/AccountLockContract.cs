using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Testing.Contracts;

/// <summary>What every <see cref="IAccountLock"/> must do. Time is the injected clock: expiry never waits for real.</summary>
public abstract class AccountLockContract
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    protected FakeTimeProvider Time { get; } = new(T0);

    protected abstract Task<IAccountLock> CreateAsync(TimeProvider time);

    [Fact]
    public async Task TryAcquire_FreeAccount_ReturnsLeaseUntilNowPlusDuration()
    {
        var locks = await CreateAsync(Time);

        await using var lease = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-1", Duration, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Equal(("sweep-1", T0 + Duration), (lease.Holder, lease.ExpiresAt));
    }

    [Fact]
    public async Task TryAcquire_HeldByAnother_ReturnsNullUntilReleased()
    {
        var locks = await CreateAsync(Time);
        var first = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-1", Duration, CancellationToken.None);

        var contended = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-2", Duration, CancellationToken.None);
        var otherAccount = await locks.TryAcquireAsync(CloudKind.Aws, "444455556666", "sweep-2", Duration, CancellationToken.None);
        var otherCloud = await locks.TryAcquireAsync(CloudKind.Azure, "111122223333", "sweep-2", Duration, CancellationToken.None);
        await first!.DisposeAsync();
        var afterRelease = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-2", Duration, CancellationToken.None);

        Assert.Null(contended);
        Assert.NotNull(otherAccount);
        Assert.NotNull(otherCloud);
        Assert.NotNull(afterRelease);
        Assert.Equal("sweep-2", afterRelease.Holder);
    }

    [Fact]
    public async Task TryAcquire_AfterTheLeaseExpired_TakesItOverAndTheOldHolderCannotRenew()
    {
        var locks = await CreateAsync(Time);
        var crashed = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "crashed", Duration, CancellationToken.None);

        Time.Advance(Duration - TimeSpan.FromSeconds(1));
        var early = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-2", Duration, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        var takeover = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-2", Duration, CancellationToken.None);
        var renewedByOld = await crashed!.RenewAsync(CancellationToken.None);

        Assert.Null(early);
        Assert.NotNull(takeover);
        Assert.Equal(Time.GetUtcNow() + Duration, takeover.ExpiresAt);
        Assert.False(renewedByOld);
        Assert.Null(await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "sweep-3", Duration, CancellationToken.None));
    }

    [Fact]
    public async Task Renew_BeforeExpiry_ExtendsTheLeaseAndKeepsOthersOut()
    {
        var locks = await CreateAsync(Time);
        var lease = await locks.TryAcquireAsync(CloudKind.Azure, "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d", "sweep-1", Duration, CancellationToken.None);

        Time.Advance(TimeSpan.FromMinutes(4));
        var renewed = await lease!.RenewAsync(CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(4));
        var contended = await locks.TryAcquireAsync(CloudKind.Azure, "0F2D1C4B-5B7E-4C1D-9D0A-3F0E6B7A8C9D", "sweep-2", Duration, CancellationToken.None);

        Assert.True(renewed);
        Assert.Equal(T0 + TimeSpan.FromMinutes(4) + Duration, lease.ExpiresAt);
        Assert.Null(contended);
    }

    [Fact]
    public async Task TryAcquire_ManyContendersAtOnce_ExactlyOneHoldsIt()
    {
        var locks = await CreateAsync(Time);
        using var start = new SemaphoreSlim(0);
        var contenders = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.WaitAsync();
            return await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", $"sweep-{i}", Duration, CancellationToken.None);
        }).ToList();

        start.Release(contenders.Count);
        var leases = await Task.WhenAll(contenders).WaitAsync(Bound);

        var holder = Assert.Single(leases, l => l is not null);
        Assert.True(await holder!.RenewAsync(CancellationToken.None));
    }
}
