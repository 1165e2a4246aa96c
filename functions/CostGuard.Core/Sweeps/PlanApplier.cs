using CostGuard.Json;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>Applies a plan's actions account by account; never acts where the account's read was incomplete.</summary>
internal sealed class PlanApplier(IReadOnlyDictionary<CloudKind, ICloudFleetProvider> providers)
{
    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(
        Policy policy, Plan plan, IReadOnlyList<AccountReadResult> reads, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
        var groups = plan.Actions.GroupBy(a => (a.Instance.Cloud, Account: a.Instance.Account.ToUpperInvariant()));
        foreach (var group in groups)
        {
            var actions = group.ToList();
            var read = reads.FirstOrDefault(r => r.Account.Cloud == group.Key.Cloud
                && string.Equals(r.Account.Id, group.Key.Account, StringComparison.OrdinalIgnoreCase));
            foreach (var outcome in await ApplyAccountAsync(policy, read, actions, cancellationToken).ConfigureAwait(false))
            {
                outcomes[outcome.Action] = outcome;
            }
        }

        return plan.Actions
            .Select(a => outcomes.TryGetValue(a, out var o) ? o : new ActionOutcome(a, ActionStatus.Failed, "the provider returned no outcome for this action"))
            .ToList();
    }

    private async Task<IReadOnlyList<ActionOutcome>> ApplyAccountAsync(
        Policy policy, AccountReadResult? read, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        if (read is null)
        {
            return Skip(actions, "the account is not in the policy's scope");
        }

        if (!read.Complete)
        {
            return Skip(actions, "the account's inventory was incomplete, so nothing is acted on there");
        }

        if (!providers.TryGetValue(read.Account.Cloud, out var provider))
        {
            return Skip(actions, $"no {PlanWords.Cloud(read.Account.Cloud)} provider is configured for this run");
        }

        try
        {
            var applied = await provider.ApplyAsync(policy, read.Account, actions, cancellationToken).ConfigureAwait(false);
            return [.. applied.Select(o => o.Error is null ? o : o with { Error = UrlRedactor.RedactUserInfo(o.Error) })];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return actions.Select(a => new ActionOutcome(a, ActionStatus.Failed, UrlRedactor.RedactUserInfo($"{ex.GetType().Name}: {ex.Message}"))).ToList();
        }
    }

    private static List<ActionOutcome> Skip(IEnumerable<PlannedAction> actions, string why) =>
        actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, why)).ToList();
}
