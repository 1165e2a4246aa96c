using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Ports;
using Microsoft.Data.Sqlite;

namespace CostGuard.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "costguard-state-" + Guid.NewGuid().ToString("N"));

    private string PathOf => Path.Combine(_directory, "nested", "state.db");

    [Fact]
    public async Task BillingCache_SetThenGetAfterReopen_ReturnsLatest()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.SetAsync("aws:ce:1", new CachedBilling("[1]", T), CancellationToken.None);
        await store.SetAsync("aws:ce:1", new CachedBilling("[2]", T.AddHours(1)), CancellationToken.None);

        var reopened = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);

        Assert.Equal(new CachedBilling("[2]", T.AddHours(1)), await reopened.GetAsync("aws:ce:1", CancellationToken.None));
        Assert.Null(await reopened.GetAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task GuardMemory_RoundTripsPerPolicy()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        var memory = new GuardMemory
        {
            RaisedAlerts = new Dictionary<string, DateTimeOffset> { ["cap-warning:aws:1:2026-11:80"] = T },
            AccountsOverBurnCap = new HashSet<string> { "aws:111122223333" },
        };

        await store.SaveAsync("p1", memory, CancellationToken.None);
        var loaded = await store.LoadAsync("p1", CancellationToken.None);

        Assert.Equal(T, loaded.RaisedAlerts["cap-warning:aws:1:2026-11:80"]);
        Assert.Contains("aws:111122223333", loaded.AccountsOverBurnCap);
        Assert.Same(GuardMemory.Empty, await store.LoadAsync("p2", CancellationToken.None));
    }

    [Fact]
    public async Task Audit_AppendAndReadSince_OldestFirstWithLimit()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.AppendAsync([Record(T, "i-1"), Record(T.AddMinutes(5), "i-2")], CancellationToken.None);
        await store.AppendAsync([Record(T.AddMinutes(10), "i-3") with { Region = null, Detail = null }], CancellationToken.None);

        var all = await store.ReadAsync(null, 100, CancellationToken.None);
        var since = await store.ReadAsync(T.AddMinutes(5), 1, CancellationToken.None);

        Assert.Equal(["i-1", "i-2", "i-3"], all.Select(r => r.Instance));
        Assert.Equal(Record(T, "i-1"), all[0]);
        Assert.Null(all[2].Region);
        Assert.Equal(["i-2"], since.Select(r => r.Instance));
    }

    [Fact]
    public async Task Audit_UpdateOrDelete_IsRefusedByTheDatabase()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.AppendAsync([Record(T, "i-1")], CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={PathOf};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit";

        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertLedger_SentAndPendingDeliveries_RoundTrip()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.RecordSentAsync("ml-team", "idle:i-1", T, CancellationToken.None);
        var pending = new PendingDelivery
        {
            Id = "d1", Route = "ml-team", Channel = "slack", PayloadJson = "{\"text\":\"hi\"}", DedupKeys = ["idle:i-1", "idle:i-2"],
            Attempts = 2, FirstFailedAt = T, LastError = "HTTP 500", Policy = "team-gpu-guard",
        };
        await store.SavePendingAsync(pending, CancellationToken.None);
        await store.SavePendingAsync(pending with { Attempts = 3 }, CancellationToken.None);

        Assert.Equal(T, await store.LastSentAsync("ml-team", "idle:i-1", CancellationToken.None));
        Assert.Null(await store.LastSentAsync("other", "idle:i-1", CancellationToken.None));
        var listed = Assert.Single(await store.ListPendingAsync(CancellationToken.None));
        Assert.Equal(3, listed.Attempts);
        Assert.Equal(["idle:i-1", "idle:i-2"], listed.DedupKeys);
        Assert.Equal("team-gpu-guard", listed.Policy);
        await store.RemovePendingAsync("d1", CancellationToken.None);
        Assert.Empty(await store.ListPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_FileFromBeforePendingPolicyColumn_AddsTheColumnAndKeepsRows()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf)!);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PathOf};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE pending_delivery (id TEXT PRIMARY KEY, route TEXT NOT NULL, channel TEXT NOT NULL, payload TEXT NOT NULL, "
                + "dedup_keys TEXT NOT NULL, attempts INTEGER NOT NULL, first_failed_at TEXT NOT NULL, last_error TEXT);"
                + "INSERT INTO pending_delivery VALUES ('old', 'default', 'slack', '{}', '[]', 1, '2026-11-26T10:00:00.0000000+00:00', NULL);";
            await create.ExecuteNonQueryAsync();
        }

        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        await store.SavePendingAsync(
            new PendingDelivery { Id = "new", Route = "default", Channel = "teams", PayloadJson = "{}", DedupKeys = [], Attempts = 1, FirstFailedAt = T, Policy = "p" },
            CancellationToken.None);

        var listed = await store.ListPendingAsync(CancellationToken.None);
        Assert.Equal([("old", null), ("new", "p")], listed.Select(d => (d.Id, d.Policy)).OrderByDescending(x => x.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Audit_SameActionIdAndKindAppendedTwice_KeptOnce()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        var intent = Record(T, "i-1") with { Kind = AuditKinds.Intent, ActionId = "a1", SweepId = "p1@2026-11-26T19:30:00Z", Outcome = "intent" };
        var outcome = intent with { Kind = AuditKinds.Outcome, Outcome = "applied" };

        await store.AppendAsync([intent, Record(T, "i-9")], CancellationToken.None);
        await store.AppendAsync([intent, outcome, Record(T, "i-9")], CancellationToken.None);
        await store.AppendAsync([outcome with { Outcome = "failed" }], CancellationToken.None);

        var all = await store.ReadAsync(null, 100, CancellationToken.None);
        Assert.Equal(
            [("i-1", AuditKinds.Intent, "intent"), ("i-9", AuditKinds.Decision, "applied"), ("i-1", AuditKinds.Outcome, "applied"), ("i-9", AuditKinds.Decision, "applied")],
            all.Select(r => (r.Instance, r.Kind, r.Outcome)));
        var actions = await store.ReadActionsAsync(["a1", "unknown"], CancellationToken.None);
        Assert.Equal([AuditKinds.Intent, AuditKinds.Outcome], actions.Select(r => r.Kind));
        Assert.All(actions, r => Assert.Equal(("a1", "p1@2026-11-26T19:30:00Z"), (r.ActionId, r.SweepId)));
    }

    [Fact]
    public async Task ReadOpenIntentsAsync_IntentsWithoutOutcome_OnlyThoseOfThePolicyAndAccount()
    {
        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        var open = Record(T, "i-open") with { Kind = AuditKinds.Intent, ActionId = "open" };
        var closed = Record(T, "i-closed") with { Kind = AuditKinds.Intent, ActionId = "closed" };
        var otherAccount = Record(T, "i-other") with { Kind = AuditKinds.Intent, ActionId = "other", Account = "444455556666" };
        var otherPolicy = Record(T, "i-pol") with { Kind = AuditKinds.Intent, ActionId = "pol", Policy = "p2" };
        await store.AppendAsync([open, closed, otherAccount, otherPolicy, closed with { Kind = AuditKinds.Outcome, Outcome = "applied" }], CancellationToken.None);

        var intents = await store.ReadOpenIntentsAsync("p1", "aws", "111122223333", CancellationToken.None);

        Assert.Equal(["open"], intents.Select(r => r.ActionId));
    }

    [Fact]
    public async Task OpenAsync_FileFromBeforeIntentColumns_AddsThemKeepsRowsAndStillRefusesUpdates()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf)!);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PathOf};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, time TEXT NOT NULL, policy TEXT NOT NULL, "
                + "cloud TEXT NOT NULL, account TEXT NOT NULL, region TEXT, instance TEXT, action TEXT NOT NULL, reason TEXT NOT NULL, "
                + "mode TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT);"
                + "INSERT INTO audit(time_ms, time, policy, cloud, account, action, reason, mode, outcome) "
                + "VALUES (0, '2026-11-26T10:00:00.0000000Z', 'p1', 'aws', '111122223333', 'stop', 'idle', 'enforce', 'applied');";
            await create.ExecuteNonQueryAsync();
        }

        var store = await SqliteStateStore.OpenAsync(PathOf, CancellationToken.None);
        var intent = Record(T, "i-1") with { Kind = AuditKinds.Intent, ActionId = "a1" };
        await store.AppendAsync([intent, intent], CancellationToken.None);

        var all = await store.ReadAsync(null, 10, CancellationToken.None);
        Assert.Equal([(AuditKinds.Decision, null), (AuditKinds.Intent, "a1")], all.Select(r => (r.Kind, r.ActionId)));
        await using var edit = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PathOf};Pooling=False");
        await edit.OpenAsync();
        await using var update = edit.CreateCommand();
        update.CommandText = "UPDATE audit SET outcome = 'x'";
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => update.ExecuteNonQueryAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static AuditRecord Record(DateTimeOffset time, string instance) => new()
    {
        Time = time, Policy = "p1", Cloud = "aws", Account = "111122223333", Region = "us-east-1", Instance = instance,
        Action = "stop", Reason = "idle", Mode = "enforce", Outcome = "applied", Detail = "GPU idle for 30 min",
    };
}
