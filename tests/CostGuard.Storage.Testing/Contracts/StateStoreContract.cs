using CostGuard.Fleet;
using CostGuard.Ports;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Testing.Contracts;

/// <summary>
/// What every <see cref="IStateStore"/> must do (SQLite for the CLI, Tables/Blobs for the Functions app): one suite, so
/// the stores cannot drift. Each test gets a fresh, empty store from <see cref="CreateAsync"/>.
/// </summary>
public abstract class StateStoreContract
{
    protected FakeTimeProvider Time { get; } = new(T0);

    protected abstract Task<IStateStore> CreateAsync(TimeProvider time);

    [Fact]
    public async Task BillingCache_SetTwiceThenGet_ReturnsLatestAndMissIsNull()
    {
        var store = await CreateAsync(Time);
        await store.SetAsync("aws:ce:1", new CachedBilling("[1]", T0.AddMinutes(-50)), CancellationToken.None);
        await store.SetAsync("aws:ce:1", new CachedBilling("[2,\"ü\"]", T0.AddMinutes(-5)), CancellationToken.None);

        Assert.Equal(new CachedBilling("[2,\"ü\"]", T0.AddMinutes(-5)), await store.GetAsync("aws:ce:1", CancellationToken.None));
        Assert.Null(await store.GetAsync("azure:costmanagement:other", CancellationToken.None));
    }

    [Fact]
    public async Task BillingCache_FetchFailed_ReportedAtOnceForAMinuteThenFetchedAgain()
    {
        var store = await CreateAsync(Time);
        var stale = new CachedBilling("[1]", T0.AddHours(-2));
        await store.SetAsync("aws:ce:1", stale, CancellationToken.None);
        Assert.Equal(stale, await store.GetAsync("aws:ce:1", CancellationToken.None).WaitAsync(Bound)); // this caller fetches...

        const string problem = "User is not authorized to perform: ce:GetCostAndUsage (ü)\nline 2";
        await store.ReleaseAsync("aws:ce:1", problem, CancellationToken.None); // ...and fails
        var failed = await Assert.ThrowsAsync<BillingFetchFailedException>(() => store.GetAsync("aws:ce:1", CancellationToken.None).WaitAsync(Bound));
        Time.Advance(TimeSpan.FromSeconds(59));
        var stillFailed = await Assert.ThrowsAsync<BillingFetchFailedException>(() => store.GetAsync("aws:ce:1", CancellationToken.None).WaitAsync(Bound));
        Time.Advance(TimeSpan.FromSeconds(1));
        var retried = await store.GetAsync("aws:ce:1", CancellationToken.None).WaitAsync(Bound);
        await store.SetAsync("aws:ce:1", new CachedBilling("[2]", Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal((problem, T0, stale), (failed.Problem, failed.FailedAt, failed.LastAnswer));
        Assert.Equal(problem, stillFailed.Problem);
        Assert.Equal(stale, retried);
        Assert.Equal(new CachedBilling("[2]", Time.GetUtcNow()), await store.GetAsync("aws:ce:1", CancellationToken.None).WaitAsync(Bound));
    }

    [Fact]
    public async Task BillingCache_FetchCancelled_NextCallerFetchesAtOnceWithoutAFailure()
    {
        var store = await CreateAsync(Time);
        Assert.Null(await store.GetAsync("azure:costmanagement:s", CancellationToken.None).WaitAsync(Bound));

        await store.ReleaseAsync("azure:costmanagement:s", null, CancellationToken.None);

        // On the fake clock, which never moves here: a claim left behind would make this wait forever (up to Bound).
        Assert.Null(await store.GetAsync("azure:costmanagement:s", CancellationToken.None).WaitAsync(Bound));
    }

    [Fact]
    public async Task BillingCache_ReleaseWithoutAFetch_ChangesNothing()
    {
        var store = await CreateAsync(Time);
        await store.SetAsync("aws:ce:2", new CachedBilling("[1]", T0), CancellationToken.None);

        await store.ReleaseAsync("aws:ce:2", null, CancellationToken.None);

        Assert.Equal(new CachedBilling("[1]", T0), await store.GetAsync("aws:ce:2", CancellationToken.None).WaitAsync(Bound));
    }

    [Fact]
    public async Task GuardMemory_SaveThenLoad_RoundTripsPerPolicy()
    {
        var store = await CreateAsync(Time);
        var memory = new GuardMemory
        {
            RaisedAlerts = new Dictionary<string, DateTimeOffset> { ["cap-warning:aws:1:2026-11:80"] = T0, ["anomaly:aws:1:2026-11-25"] = T0.AddDays(-1) },
            AccountsOverBurnCap = new HashSet<string> { "aws:111122223333" },
        };

        await store.SaveAsync("team/gpu guard", memory, CancellationToken.None);
        await store.SaveAsync("team/gpu guard", memory with { AccountsOverBurnCap = new HashSet<string> { "azure:x" } }, CancellationToken.None);
        var loaded = await store.LoadAsync("team/gpu guard", CancellationToken.None);

        Assert.Equal(memory.RaisedAlerts.OrderBy(p => p.Key), loaded.RaisedAlerts.OrderBy(p => p.Key));
        Assert.Equal(["azure:x"], loaded.AccountsOverBurnCap);
        var unknown = await store.LoadAsync("p2", CancellationToken.None);
        Assert.Empty(unknown.RaisedAlerts);
        Assert.Empty(unknown.AccountsOverBurnCap);
    }

    [Fact]
    public async Task AlertLedger_RecordSent_LastSentIsLatestPerRouteAndKey()
    {
        var store = await CreateAsync(Time);
        await store.RecordSentAsync("ml-team", "idle:aws/i-1#2", T0, CancellationToken.None);
        await store.RecordSentAsync("ml-team", "idle:aws/i-1#2", T0.AddHours(1), CancellationToken.None);

        Assert.Equal(T0.AddHours(1), await store.LastSentAsync("ml-team", "idle:aws/i-1#2", CancellationToken.None));
        Assert.Null(await store.LastSentAsync("other", "idle:aws/i-1#2", CancellationToken.None));
        Assert.Null(await store.LastSentAsync("ml-team", "idle:aws/i-2", CancellationToken.None));
    }

    [Fact]
    public async Task AlertLedger_PendingDeliveries_SaveReplaceListInOrderRemove()
    {
        var store = await CreateAsync(Time);
        var later = Pending("d/2", T0.AddMinutes(5));
        var first = Pending("d1", T0);
        await store.SavePendingAsync(later, CancellationToken.None);
        await store.SavePendingAsync(first, CancellationToken.None);
        await store.SavePendingAsync(first with { Attempts = 3, LastError = "HTTP 503" }, CancellationToken.None);

        var listed = await store.ListPendingAsync(CancellationToken.None);
        await store.RemovePendingAsync("d1", CancellationToken.None);
        await store.RemovePendingAsync("never-saved", CancellationToken.None);

        Assert.Equal(["d1", "d/2"], listed.Select(d => d.Id));
        Assert.Equal((3, "HTTP 503"), (listed[0].Attempts, listed[0].LastError));
        Assert.Equal(later.DedupKeys, listed[1].DedupKeys);
        Assert.Equal((later.Policy, later.Route, later.Channel, later.PayloadJson, later.FirstFailedAt), (listed[1].Policy, listed[1].Route, listed[1].Channel, listed[1].PayloadJson, listed[1].FirstFailedAt));
        Assert.Equal(["d/2"], (await store.ListPendingAsync(CancellationToken.None)).Select(d => d.Id));
    }

    [Fact]
    public async Task Audit_AppendThenRead_RoundTripsEveryFieldOldestFirstWithLimit()
    {
        var store = await CreateAsync(Time);
        var full = Intent(T0, "a1") with { Detail = "stop i-1: GPU < 5% for 30 min" };
        var sparse = Decision(T0.AddMinutes(5), "i-2") with { Region = null, Instance = null, Detail = null, SweepId = null };
        await store.AppendAsync([Decision(T0.AddMinutes(10), "i-3"), full], CancellationToken.None);
        await store.AppendAsync([sparse], CancellationToken.None);

        var all = await store.ReadAsync(null, 100, CancellationToken.None);
        var firstTwo = await store.ReadAsync(null, 2, CancellationToken.None);

        Assert.Equal([full, sparse, Decision(T0.AddMinutes(10), "i-3")], all);
        Assert.Equal([full, sparse], firstTwo);
    }

    [Fact]
    public async Task Audit_ReadSince_ReturnsTheTimeRangeAcrossAccountsAndHours()
    {
        var store = await CreateAsync(Time);
        var records = new[]
        {
            Decision(T0.AddDays(-2), "i-old", account: "111122223333"),
            Decision(T0.AddHours(-1), "i-a", account: "444455556666"),
            Decision(T0, "i-b", account: "111122223333"),
            Intent(T0.AddMinutes(59), "a-c", "i-c", account: "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d") with { Cloud = "azure" },
            Decision(T0.AddHours(3), "i-d", account: "444455556666"),
        };
        await store.AppendAsync(records, CancellationToken.None);

        var since = await store.ReadAsync(T0.AddHours(-1), 100, CancellationToken.None);
        var sinceLimited = await store.ReadAsync(T0, 2, CancellationToken.None);

        Assert.Equal(["i-a", "i-b", "i-c", "i-d"], since.Select(r => r.Instance));
        Assert.Equal(["i-b", "i-c"], sinceLimited.Select(r => r.Instance));
        Assert.Empty(await store.ReadAsync(T0.AddDays(1), 100, CancellationToken.None));
    }

    [Fact]
    public async Task Audit_ReplayOfIntentAndOutcome_IsNotAppendedAgain()
    {
        var store = await CreateAsync(Time);
        var intent = Intent(T0, "a1");
        var outcome = Outcome(intent, T0.AddMinutes(1));
        await store.AppendAsync([intent, Decision(T0.AddMinutes(2), "i-9")], CancellationToken.None);
        await store.AppendAsync([intent with { Time = T0.AddMinutes(3) }, outcome, outcome], CancellationToken.None);
        await store.AppendAsync([outcome with { Time = T0.AddMinutes(4), Outcome = "failed" }], CancellationToken.None);

        var all = await store.ReadAsync(null, 100, CancellationToken.None);
        var actions = await store.ReadActionsAsync(["a1"], CancellationToken.None);

        Assert.Equal([(AuditKinds.Intent, T0), (AuditKinds.Outcome, T0.AddMinutes(1)), (AuditKinds.Decision, T0.AddMinutes(2))], all.Select(r => (r.Kind, r.Time)));
        Assert.Equal([intent, outcome], actions.OrderBy(r => r.Time));
    }

    [Fact]
    public async Task Audit_RecordsWithoutActionId_AreAlwaysAppended()
    {
        var store = await CreateAsync(Time);
        var decision = Decision(T0, "i-1");
        await store.AppendAsync([decision], CancellationToken.None);
        await store.AppendAsync([decision with { Time = T0.AddMinutes(1) }], CancellationToken.None);

        Assert.Equal(2, (await store.ReadAsync(null, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Audit_ReadActions_OnlyIntentsAndOutcomesOfTheGivenIds()
    {
        var store = await CreateAsync(Time);
        var a1 = Intent(T0, "a1");
        var a2 = Intent(T0.AddMinutes(1), "a2", "i-2", account: "444455556666");
        var a3 = Intent(T0.AddMinutes(2), "a3", "i-3");
        await store.AppendAsync([a1, a2, a3, Outcome(a1, T0.AddMinutes(3)), Decision(T0.AddMinutes(4), "i-1")], CancellationToken.None);

        var read = await store.ReadActionsAsync(["a1", "a2", "missing"], CancellationToken.None);

        Assert.Equal([("a1", AuditKinds.Intent), ("a1", AuditKinds.Outcome), ("a2", AuditKinds.Intent)], read.Select(r => (r.ActionId!, r.Kind)).OrderBy(x => x));
        Assert.Empty(await store.ReadActionsAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Audit_ReadOpenIntents_IntentsWithoutOutcomeOfThatPolicyAndAccountOldestFirst()
    {
        var store = await CreateAsync(Time);
        var azure = "0F2D1C4B-5B7E-4C1D-9D0A-3F0E6B7A8C9D";
        var openLater = Intent(T0.AddMinutes(2), "open-2", "vm-2", azure) with { Cloud = "azure" };
        var open = Intent(T0, "open-1", "vm-1", azure) with { Cloud = "azure" };
        var closed = Intent(T0.AddMinutes(1), "closed", "vm-3", azure) with { Cloud = "azure" };
        var otherPolicy = Intent(T0, "other-policy", "vm-4", azure, policy: "p2") with { Cloud = "azure" };
        var otherAccount = Intent(T0, "other-account", "vm-5", "00000000-0000-0000-0000-000000000000") with { Cloud = "azure" };
        await store.AppendAsync([openLater, open, closed, otherPolicy, otherAccount], CancellationToken.None);
        await store.AppendAsync([Outcome(closed, T0.AddMinutes(3))], CancellationToken.None);

        var intents = await store.ReadOpenIntentsAsync("p1", "azure", azure.ToLowerInvariant(), CancellationToken.None);

        Assert.Equal([open, openLater], intents);
        Assert.Empty(await store.ReadOpenIntentsAsync("p1", "aws", azure, CancellationToken.None));
    }

    [Fact]
    public async Task Audit_ReadLatestActions_120ActionsOver10Days_NewestFiftyNewestFirstReachingPast7Days()
    {
        var store = await CreateAsync(Time);
        string[] accounts = ["111122223333", "444455556666", "0f2d1c4b-5b7e-4c1d-9d0a-3f0e6b7a8c9d"];

        // 40 actions in the last two hours, 80 between 8 and 10 days ago: the newest 50 are the 40 and the 10 newest old ones.
        var recent = Enumerable.Range(0, 40).Select(i => Action(T0.AddMinutes(-3 * i), $"r{i}", accounts[i % 3], outcome: i % 2 == 0)).ToList();
        var old = Enumerable.Range(0, 80).Select(i => Action(T0.AddDays(-8).AddMinutes(-30 * i), $"o{i}", accounts[i % 3], outcome: i % 2 == 1)).ToList();

        // Never listed: the intents before outcomes, and alerts newer than every action.
        var intents = recent.Concat(old).Where(r => r.Kind == AuditKinds.Outcome).Select(r => r with { Kind = AuditKinds.Intent, Outcome = "intent", Time = r.Time.AddSeconds(-30) }).ToList();
        var alerts = Enumerable.Range(1, 20).Select(i => Decision(T0.AddMinutes(i), $"i-alert{i}") with { Action = AuditActions.Alert, Reason = "cap-warning", Outcome = "sent" }).ToList();
        await store.AppendAsync([.. old.Take(40), .. intents, .. alerts.Take(10)], CancellationToken.None);
        await store.AppendAsync([.. recent, .. alerts.Skip(10)], CancellationToken.None);
        await store.AppendAsync([.. old.Skip(40)], CancellationToken.None);

        var latest = await store.ReadLatestActionsAsync(50, CancellationToken.None);

        Assert.Equal(recent.Concat(old.Take(10)).ToList(), latest);
        Assert.Contains(latest, r => r.Time < T0.AddDays(-7));
        Assert.Equal([.. recent.Take(3)], await store.ReadLatestActionsAsync(3, CancellationToken.None));
    }

    [Fact]
    public async Task Audit_ReadLatestActions_FewerThanTheLimitOrEmpty_AllActionsNewestFirst()
    {
        var store = await CreateAsync(Time);
        Assert.Empty(await store.ReadLatestActionsAsync(50, CancellationToken.None));
        var first = Decision(T0.AddDays(-30), "i-1");
        var second = Outcome(Intent(T0.AddDays(-2), "a2", "i-2"), T0.AddDays(-2).AddMinutes(1));
        await store.AppendAsync([first, Intent(T0.AddDays(-2), "a2", "i-2"), second], CancellationToken.None);

        Assert.Equal([second, first], await store.ReadLatestActionsAsync(50, CancellationToken.None));
        Assert.Empty(await store.ReadLatestActionsAsync(0, CancellationToken.None));
    }

    private static AuditRecord Action(DateTimeOffset time, string id, string account, bool outcome)
    {
        var cloud = account.Contains('-', StringComparison.Ordinal) ? "azure" : "aws";
        var record = outcome
            ? Outcome(Intent(time, "action-" + id, "i-" + id, account), time)
            : Decision(time, "i-" + id, account) with { Mode = "dry-run" };
        return record with { Cloud = cloud };
    }

    private static PendingDelivery Pending(string id, DateTimeOffset firstFailedAt) => new()
    {
        Id = id, Policy = "team-gpu-guard", Route = "ml-team", Channel = "slack", PayloadJson = "{\"text\":\"hi\"}",
        DedupKeys = ["idle:i-1", "idle:i-2"], Attempts = 1, FirstFailedAt = firstFailedAt, LastError = "HTTP 500",
    };
}
