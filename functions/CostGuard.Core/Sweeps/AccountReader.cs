using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Reads every in-scope account in parallel (bounded); one account's failure never stops the others.</summary>
internal sealed class AccountReader(IReadOnlyDictionary<CloudKind, ICloudFleetProvider> providers, int maxParallel)
{
    public async Task<IReadOnlyList<AccountReadResult>> ReadAllAsync(
        Policy policy, IReadOnlyList<AccountScope> accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var results = new AccountReadResult[accounts.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accounts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = cancellationToken },
            async (index, token) => results[index] = await ReadOneAsync(policy, accounts[index], now, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return results;
    }

    private async Task<AccountReadResult> ReadOneAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!providers.TryGetValue(account.Cloud, out var provider))
        {
            return Failed(account, $"no {PlanWords.Cloud(account.Cloud)} provider is configured for this run");
        }

        try
        {
            return await provider.ReadAccountAsync(policy, account, now, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Providers promise not to throw for cloud errors; a bug in one must still not sink the sweep.
            return Failed(account, $"reading the account failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static AccountReadResult Failed(AccountScope account, string problem) =>
        new() { Account = account, Complete = false, Problems = [problem] };
}
