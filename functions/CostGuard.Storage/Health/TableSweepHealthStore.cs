using Azure;
using Azure.Data.Tables;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Health;

/// <summary>
/// Sweep health in table <c>&lt;prefix&gt;sweephealth</c>: partition = policy, row = cloud|account. Each result is a
/// read-modify-write under the entity's ETag, so two results recorded at once both count.
/// </summary>
internal sealed class TableSweepHealthStore(StorageAccount storage) : ISweepHealthStore
{
    private const string Table = "sweephealth";
    private const int MaxRounds = 50;
    private const int MaxErrorLength = 4000;

    public async Task<SweepHealth> RecordAsync(string policy, string cloud, string account, DateTimeOffset at, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Escape(policy);
        var row = TableKeys.Account(cloud, account);
        for (var round = 0; round < MaxRounds; round++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            var before = existing.HasValue ? ToHealth(existing.Value!) : new SweepHealth { Policy = policy, Cloud = cloud, Account = account };
            var after = SweepHealthRules.Apply(before, at, succeeded, Truncate(error));
            var entity = ToEntity(after, partition, row);
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                return after;
            }
            catch (RequestFailedException ex) when (StorageErrors.IsRace(ex))
            {
                // Another result was recorded in between: apply ours on top of it.
            }
        }

        throw new InvalidOperationException($"Could not record the sweep health of {cloud}:{account} for '{policy}' after {MaxRounds} rounds of contention.");
    }

    public async Task<IReadOnlyList<SweepHealth>> ReadAsync(string? policy, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table, cancellationToken).ConfigureAwait(false);
        var filter = policy is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(policy)}");
        var list = new List<SweepHealth>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToHealth(entity));
        }

        return list.OrderBy(h => h.Policy, StringComparer.Ordinal).ThenBy(h => h.Cloud, StringComparer.Ordinal).ThenBy(h => h.Account, StringComparer.Ordinal).ToList();
    }

    private static string? Truncate(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    private static TableEntity ToEntity(SweepHealth h, string partition, string row) => new(partition, row)
    {
        ["Policy"] = h.Policy,
        ["Cloud"] = h.Cloud,
        ["Account"] = h.Account,
        ["LastAttemptAt"] = h.LastAttemptAt is { } a ? StorageTimes.Format(a) : null,
        ["LastSuccessAt"] = h.LastSuccessAt is { } s ? StorageTimes.Format(s) : null,
        ["FailuresInARow"] = h.FailuresInARow,
        ["LastError"] = h.LastError,
    };

    private static SweepHealth ToHealth(TableEntity e) => new()
    {
        Policy = e.GetString("Policy") ?? "",
        Cloud = e.GetString("Cloud") ?? "",
        Account = e.GetString("Account") ?? "",
        LastAttemptAt = StorageTimes.ParseOrNull(e.GetString("LastAttemptAt")),
        LastSuccessAt = StorageTimes.ParseOrNull(e.GetString("LastSuccessAt")),
        FailuresInARow = e.GetInt32("FailuresInARow") ?? 0,
        LastError = e.GetString("LastError"),
    };
}
