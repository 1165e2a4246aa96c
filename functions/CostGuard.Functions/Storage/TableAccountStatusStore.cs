using System.Text.Json;
using Azure.Data.Tables;
using CostGuard.Status;

namespace CostGuard.Functions.Storage;

/// <summary>The last sweep's figures per (policy, account) as one table entity each, the figures as JSON.</summary>
internal sealed class TableAccountStatusStore(LazyTable lazy) : IAccountStatusStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(AccountStatus status, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Escape(status.Policy);
        var row = TableKeys.Account(status.Cloud, status.Account);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value!.GetDateTimeOffset("SweptAt") is { } newer && newer > status.SweptAt)
        {
            return;
        }

        var entity = new TableEntity(partition, row) { ["SweptAt"] = status.SweptAt, ["Status"] = JsonSerializer.Serialize(status, Json) };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AccountStatus?> GetAsync(string policy, string cloud, string account, CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(policy), TableKeys.Account(cloud, account), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return existing.HasValue ? JsonSerializer.Deserialize<AccountStatus>(existing.Value!.GetString("Status"), Json) : null;
    }

    public async Task<IReadOnlyList<AccountStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await lazy.GetAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<AccountStatus>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize<AccountStatus>(entity.GetString("Status"), Json) is { } status)
            {
                list.Add(status);
            }
        }

        return list;
    }
}
