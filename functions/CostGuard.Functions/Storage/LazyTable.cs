using Azure.Data.Tables;

namespace CostGuard.Functions.Storage;

/// <summary>A table created on first use, so a fresh storage account needs no set-up step and building the host touches no storage.</summary>
internal sealed class LazyTable(TableClient table)
{
    private int _created;

    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }

        return table;
    }
}
