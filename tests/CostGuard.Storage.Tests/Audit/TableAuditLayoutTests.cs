using Azure.Data.Tables;
using CostGuard.Storage.Audit;
using CostGuard.Storage.Tables;
using CostGuard.Storage.Testing.Azurite;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Audit;

[Collection(AzuriteCollection.Name)]
public sealed class TableAuditLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AppendAsync_OneAccountsTimeRange_IsOneKeyRangeQueryOnItsPartition()
    {
        var account = TestAccounts.Isolated(azurite);
        var log = new TableAuditLog(account);
        await log.AppendAsync(
            [
                Decision(T0.AddHours(-2), "i-before"), Decision(T0, "i-in-1"), Intent(T0.AddMinutes(30), "a1", "i-in-2"),
                Decision(T0.AddMinutes(10), "i-other", account: "444455556666"), Decision(T0.AddHours(2), "i-after"),
            ],
            CancellationToken.None);

        var table = account.Tables.GetTableClient(account.Options.TablePrefix + "audit");
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Account("aws", "111122223333")} and RowKey ge {TableKeys.Ticks(T0)} and RowKey lt {TableKeys.Ticks(T0.AddHours(1))}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        var viaStore = await new TableStateStore(account, TimeProvider.System).ReadAccountAsync("aws", "111122223333", T0, T0.AddHours(1), 10, CancellationToken.None);

        Assert.Equal(["i-in-1", "i-in-2"], rows.Select(r => r.GetString("Instance")));
        Assert.Equal(["i-in-1", "i-in-2"], viaStore.Select(r => r.Instance));
    }

    [Fact]
    public async Task AppendAsync_CrashAfterTheTruthRow_ReplayRestoresTheCopiesOnce()
    {
        var account = TestAccounts.Isolated(azurite);
        var intent = Intent(T0, "a1");
        var actions = account.Tables.GetTableClient(account.Options.TablePrefix + "auditactions");
        await actions.CreateIfNotExistsAsync();
        await actions.AddEntityAsync(AuditEntities.ToEntity(intent, "a1", "intent"));
        var log = new TableAuditLog(account);
        var beforeReplay = await log.ReadAsync(null, 10, CancellationToken.None);

        await log.AppendAsync([intent with { Time = T0.AddMinutes(7) }], CancellationToken.None);
        await log.AppendAsync([intent with { Time = T0.AddMinutes(8) }], CancellationToken.None);

        Assert.Empty(beforeReplay);
        Assert.Equal([intent], await log.ReadAsync(null, 10, CancellationToken.None));
        Assert.Equal([intent], await log.ReadOpenIntentsAsync("p1", "aws", "111122223333", CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_LatestIndex_HoldsOnlyActionsAndTableOrderIsNewestFirstAcrossHoursAndDays()
    {
        var account = TestAccounts.Isolated(azurite);
        var log = new TableAuditLog(account);
        var intent = Intent(T0.AddDays(-3), "a1", "i-3d");
        await log.AppendAsync(
            [
                Decision(T0.AddDays(-9), "i-9d"), intent, Outcome(intent, T0.AddDays(-3).AddMinutes(1)), Decision(T0, "i-now", account: "444455556666"),
                Decision(T0.AddHours(-1), "i-1h"), Decision(T0.AddMinutes(5), "i-alert") with { Action = "alert" },
            ],
            CancellationToken.None);

        // The raw, unfiltered table order: no client-side sort behind ReadLatestActionsAsync.
        var table = account.Tables.GetTableClient(account.Options.TablePrefix + "auditlatest");
        var rows = new List<string?>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row.GetString("Instance") + "/" + row.GetString("Kind"));
        }

        Assert.Equal(["i-now/decision", "i-1h/decision", "i-3d/outcome", "i-9d/decision"], rows);
    }

    [Fact]
    public async Task AppendAsync_CrashAfterTheTruthRowOfAnOutcome_ReplayRestoresTheLatestCopyOnce()
    {
        var account = TestAccounts.Isolated(azurite);
        var outcome = Outcome(Intent(T0, "a1"), T0.AddMinutes(1));
        var actions = account.Tables.GetTableClient(account.Options.TablePrefix + "auditactions");
        await actions.CreateIfNotExistsAsync();
        await actions.AddEntityAsync(AuditEntities.ToEntity(outcome, "a1", "outcome"));
        var log = new TableAuditLog(account);
        var beforeReplay = await log.ReadLatestActionsAsync(10, CancellationToken.None);

        await log.AppendAsync([outcome with { Time = T0.AddMinutes(7) }], CancellationToken.None);
        await log.AppendAsync([outcome with { Time = T0.AddMinutes(8) }], CancellationToken.None);

        Assert.Empty(beforeReplay);
        Assert.Equal([outcome], await log.ReadLatestActionsAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ReadOpenIntentsAsync_OutcomeCopyLostInACrash_TheTruthTableStillClosesTheIntent()
    {
        var account = TestAccounts.Isolated(azurite);
        var log = new TableAuditLog(account);
        var intent = Intent(T0, "a1");
        await log.AppendAsync([intent], CancellationToken.None);
        var actions = account.Tables.GetTableClient(account.Options.TablePrefix + "auditactions");
        await actions.AddEntityAsync(AuditEntities.ToEntity(Outcome(intent, T0.AddMinutes(1)), "a1", "outcome"));

        Assert.Empty(await log.ReadOpenIntentsAsync("p1", "aws", "111122223333", CancellationToken.None));
    }
}
