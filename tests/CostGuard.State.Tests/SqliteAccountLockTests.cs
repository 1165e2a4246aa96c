using CostGuard.Policies;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.State;

public sealed class SqliteAccountLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-lock-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 19, 30, 0, TimeSpan.Zero));

    private string PathOf => Path.Combine(_directory, "state.db");

    public SqliteAccountLockTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_NullUntilReleasedOrExpired()
    {
        var locks = await SqliteAccountLock.OpenAsync(PathOf, _time, null, CancellationToken.None);
        var first = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "a", TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "b", TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.NotNull(await locks.TryAcquireAsync(CloudKind.Aws, "444455556666", "b", TimeSpan.FromMinutes(10), CancellationToken.None));

        await first.DisposeAsync();
        var second = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "b", TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.Equal("b", second!.Holder);

        // A crashed holder never releases: its lease expires and the account is free again.
        _time.Advance(TimeSpan.FromMinutes(10));
        var third = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "c", TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.NotNull(third);
        Assert.False(await second.RenewAsync(CancellationToken.None));
        Assert.True(await third.RenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_HolderKnownGone_TakenBeforeExpiry()
    {
        var locks = await SqliteAccountLock.OpenAsync(PathOf, _time, holder => holder == "dead", CancellationToken.None);
        await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "dead", TimeSpan.FromMinutes(10), CancellationToken.None);

        var taken = await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "alive", TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.Equal("alive", taken!.Holder);
        Assert.Null(await locks.TryAcquireAsync(CloudKind.Aws, "111122223333", "third", TimeSpan.FromMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_ManyContendersAtOnce_ExactlyOneWins()
    {
        var locks = await SqliteAccountLock.OpenAsync(PathOf, _time, null, CancellationToken.None);

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => locks.TryAcquireAsync(CloudKind.Azure, "sub-1", $"h{i}", TimeSpan.FromMinutes(10), CancellationToken.None))));

        Assert.Single(leases, l => l is not null);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
