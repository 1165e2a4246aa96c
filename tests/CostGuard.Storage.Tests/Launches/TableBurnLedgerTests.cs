using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.State.Ledger;
using CostGuard.Storage.Launches;
using CostGuard.Storage.Tables;
using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Storage.Launches;

/// <summary>The burn ledger contract against Table Storage on Azurite; each <see cref="OpenAsync"/> is another Functions instance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableBurnLedgerTests(AzuriteFixture azurite) : BurnLedgerContract
{
    private readonly string _prefix = AzuriteFixture.UniqueName("t");

    protected override Task<IBurnLedger> OpenAsync() => Task.FromResult<IBurnLedger>(Open());

    [Fact]
    public async Task UpdateAsync_HundredConcurrentUpdatesInOneInstance_TakeTurnsWithoutAConflict()
    {
        var ledger = Open();
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<int>(Ledger(), 0), CancellationToken.None);

        var updates = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => ledger.UpdateAsync(CloudKind.Aws, Account, current =>
        {
            var entries = new List<LedgerEntry>(current!.Entries) { Entry($"i-{i:x17}", 1m, LedgerEntryStatus.Running) };
            return new LedgerChange<int>(current with { Entries = entries }, entries.Count);
        }, CancellationToken.None))));

        // Each update saw the one before it: counts 1..100, no ETag race lost, and no account left in the gate.
        Assert.Equal(Enumerable.Range(1, 100), updates.Select(u => u.Result).Order());
        Assert.All(updates, u => Assert.Equal(0, u.ConflictRetries));
        Assert.Equal(100, (await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!.Entries.Count);
        Assert.Equal(0, ledger.Gate.Held);
    }

    [Fact]
    public async Task UpdateAsync_AnotherInstanceWritesOnce_BacksOffOnceThenAppliesToItsLedger()
    {
        var samples = 0;
        var ledger = Open(new LedgerBackoff { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, Jitter = () => { samples++; return 0.5; } });
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<int>(Ledger(), 0), CancellationToken.None);
        var rivalWrites = 0;

        var update = await ledger.UpdateAsync(CloudKind.Aws, Account, current =>
        {
            if (rivalWrites == 0)
            {
                RivalWrite(++rivalWrites);
            }

            var entries = new List<LedgerEntry>(current!.Entries) { Entry("i-0000000000000000a", 1m, LedgerEntryStatus.Running) };
            return new LedgerChange<int>(current with { Entries = entries }, entries.Count);
        }, CancellationToken.None);

        Assert.Equal(1, update.ConflictRetries);
        Assert.Equal(1, samples);
        Assert.Single((await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!.Entries);
    }

    [Fact]
    public async Task UpdateAsync_AnotherInstanceWritesEveryRound_GivesUpAfterMaxAttemptsWritingNothing()
    {
        var samples = 0;
        var ledger = Open(new LedgerBackoff { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, Jitter = () => { samples++; return 0.5; } });
        await ledger.UpdateAsync(CloudKind.Aws, Account, _ => new LedgerChange<int>(Ledger(), 0), CancellationToken.None);
        var calls = 0;

        var error = await Assert.ThrowsAsync<LedgerContentionException>(() => ledger.UpdateAsync(CloudKind.Aws, Account, current =>
        {
            RivalWrite(++calls);
            return new LedgerChange<int>(current! with { Entries = [Entry("i-0000000000000000a", 1m, LedgerEntryStatus.Running)] }, 0);
        }, CancellationToken.None));

        // Three attempts, a pause between each (not after the last), and the message says which ledger and why.
        Assert.Equal(3, calls);
        Assert.Equal(2, samples);
        Assert.Contains($"aws account {Account}", error.Message, StringComparison.Ordinal);
        Assert.Contains("each of 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty((await ledger.ReadAsync(CloudKind.Aws, Account, CancellationToken.None))!.Entries);
        Assert.Equal(0, ledger.Gate.Held);
    }

    private TableBurnLedger Open(LedgerBackoff? backoff = null) => new(
        new StorageAccount(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), new TableStateOptions { TablePrefix = _prefix }),
        backoff);

    // Another Functions instance committing between our read and our write: a merge that leaves the ledger as it was
    // but changes the entity's ETag. Synchronous because the change function it runs in is.
    private void RivalWrite(int n) =>
        new TableClient(azurite.ConnectionString, _prefix + "burnledger").UpsertEntity(
            new TableEntity(TableKeys.Account("aws", Account), "ledger") { ["RivalWrites"] = n }, TableUpdateMode.Merge);
}
