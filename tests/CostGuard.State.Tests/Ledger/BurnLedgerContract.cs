using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Launches;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.State.Ledger;

/// <summary>
/// The burn ledger contract every implementation passes (SQLite here, Table Storage against Azurite): atomic
/// updates under concurrency, faithful round trips, one ledger per account.
/// </summary>
public abstract class BurnLedgerContract
{
    protected const string Account = "111122223333";
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    /// <summary>A fresh, empty ledger store; each call in one test sees the same storage (a second "process").</summary>
    protected abstract Task<IBurnLedger> OpenAsync();

    [Fact]
    public async Task ReadAsync_NoLedgerYet_ReturnsNull()
    {
        var ledger = await OpenAsync();

        Assert.Null(await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_Written_ReadsBackEveryField()
    {
        var ledger = await OpenAsync();
        var state = new BurnLedgerState
        {
            Cloud = CloudKind.Aws,
            Account = Account,
            SyncedAt = Now,
            MonthToDateUsd = 1234.56m,
            MonthToDateAsOf = Now.AddMinutes(-1),
            Entries =
            [
                Entry("i-0000000000000000a", 32.77m, LedgerEntryStatus.Running),
                Entry("i-0000000000000000b", 98.32m, LedgerEntryStatus.Stopped) with { Reason = "burn-cap", Origin = LedgerEntryOrigin.Launch, Exempt = true },
            ],
        };

        var update = await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<string>(state, "written"), CancellationToken.None);
        var read = await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None);

        Assert.Equal("written", update.Result);
        Assert.NotNull(read);
        Assert.Equal((state.SyncedAt, state.MonthToDateUsd, state.MonthToDateAsOf), (read.SyncedAt, read.MonthToDateUsd, read.MonthToDateAsOf));
        Assert.Equal(state.Entries, read.Entries);
        Assert.Equal(32.77m, read.BurnUsdPerHour);
    }

    [Fact]
    public async Task UpdateAsync_ChangeWritesNothing_LedgerStaysAsItWas()
    {
        var ledger = await OpenAsync();
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<int>(Ledger(Entry("i-0000000000000000a", 1m, LedgerEntryStatus.Running)), 1), CancellationToken.None);

        var update = await ledger.UpdateAsync(CloudKind.Aws, Account, current => new LedgerChange<int>(null, current!.Entries.Count), CancellationToken.None);

        Assert.Equal(1, update.Result);
        Assert.Single((await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!.Entries);
    }

    [Fact]
    public async Task UpdateAsync_AccountsAndClouds_AreSeparateLedgers()
    {
        var ledger = await OpenAsync();
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<int>(Ledger(Entry("i-0000000000000000a", 5m, LedgerEntryStatus.Running)), 0), CancellationToken.None);

        Assert.Null(await ledger.ReadAsync(CloudKind.Aws, "444455556666", CancellationToken.None));
        Assert.Null(await ledger.ReadAsync(CloudKind.Azure, Account, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_FiftyConcurrentAppends_NoneIsLost()
    {
        var ledgers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => OpenAsync()));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => ledgers[i % ledgers.Length].UpdateAsync(CloudKind.Aws, Account, current =>
        {
            var entries = new List<LedgerEntry>(current?.Entries ?? []) { Entry($"i-{i:x17}", 1m, LedgerEntryStatus.Running) };
            return new LedgerChange<int>((current ?? Ledger()) with { Entries = entries }, entries.Count);
        }, CancellationToken.None))));

        var read = await ledgers[0].ReadAsync(CloudKind.Aws, Account, CancellationToken.None);
        Assert.Equal(50, read!.Entries.Select(e => e.InstanceId).Distinct().Count());
    }

    [Fact]
    public async Task UpdateAsync_HundredConcurrentLaunchJudgements_HoldTheBurnCap()
    {
        var ledgers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync()));
        var policy = new Policy
        {
            Name = "contract",
            Mode = PolicyMode.Enforce,
            Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = Account }],
            SpendCap = new SpendCapRule { MaxHourlyBurnUsd = 400m },
        };

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var instance = Gpu($"i-{i:x17}", 32.77m);
            var update = await ledgers[i % ledgers.Length].UpdateAsync(CloudKind.Aws, Account, current =>
            {
                var (verdict, next) = LaunchJudge.Judge(policy, current ?? Ledger(), instance, GuardMemory.Empty, Now);
                return new LedgerChange<LaunchVerdict>(next, verdict);
            }, CancellationToken.None);
            return update.Result;
        })));

        var read = await ledgers[0].ReadAsync(CloudKind.Aws, Account, CancellationToken.None);
        Assert.Equal(12, verdicts.Count(v => v.Decision == LaunchDecision.Allowed));
        Assert.Equal(88, verdicts.Count(v => v.Decision == LaunchDecision.Stopped));
        Assert.Equal(393.24m, read!.BurnUsdPerHour);
        Assert.Equal(100, read.Entries.Count);
    }

    protected static BurnLedgerState Ledger(params LedgerEntry[] entries) => new()
    {
        Cloud = CloudKind.Aws,
        Account = Account,
        SyncedAt = Now,
        MonthToDateAsOf = Now,
        Entries = entries,
    };

    protected static LedgerEntry Entry(string id, decimal price, LedgerEntryStatus status) => new()
    {
        InstanceId = id,
        UsdPerHour = price,
        LaunchTime = Now.AddMinutes(-5),
        Status = status,
        Origin = LedgerEntryOrigin.Inventory,
        RecordedAt = Now,
    };

    private static InstanceSnapshot Gpu(string id, decimal price) => new()
    {
        Cloud = CloudKind.Aws,
        Account = Account,
        Region = "us-east-1",
        Id = id,
        Type = "p4d.24xlarge",
        State = InstanceState.Running,
        LaunchTime = Now.AddMinutes(-1),
        UsdPerHour = price,
    };
}
