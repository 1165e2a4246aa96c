using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// Acts on one account, intent first: actions this sweep already finished (an outcome is logged under their id) are
/// not sent again; intents left without an outcome by earlier sweeps are closed against the fresh read; then the
/// intents of the actions to send are appended, the provider re-checks and applies them, and their outcomes are
/// appended. An action whose intent could not be written is never sent.
/// </summary>
internal sealed class AccountActor(ICloudFleetProvider provider, IAuditLog audit, SweepAudit records, string sweepId, TimeProvider time)
{
    public async Task<AccountActing> ActAsync(
        Policy policy, AccountReadResult read, IReadOnlyList<PlannedAction> actions, List<string> problems, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
        var ids = actions.ToDictionary<PlannedAction, PlannedAction, string>(a => a, a => SweepRecordIds.Action(policy.Name, sweepId, a), ReferenceEqualityComparer.Instance);
        var cloud = PlanWords.Cloud(read.Account.Cloud);
        IReadOnlyList<AuditRecord> earlier;
        IReadOnlyList<AuditRecord> open;
        try
        {
            earlier = await audit.ReadActionsAsync(ids.Values.ToList(), cancellationToken).ConfigureAwait(false);
            open = await audit.ReadOpenIntentsAsync(policy.Name, cloud, read.Account.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"state: reading the audit log for {cloud} {read.Account.Id} failed ({ex.Message}); nothing is acted on there");
            return Unsent(actions, "the audit log could not be read, so nothing is acted on in this account");
        }

        await CloseOpenIntentsAsync(policy, read, open, actions, ids.Values.ToHashSet(StringComparer.Ordinal), problems).ConfigureAwait(false);

        var finished = earlier.Where(r => r.Kind == AuditKinds.Outcome).ToDictionary(r => r.ActionId!, StringComparer.Ordinal);
        var toSend = new List<PlannedAction>();
        foreach (var action in actions)
        {
            if (finished.TryGetValue(ids[action], out var done))
            {
                outcomes[action] = Replayed(action, done);
            }
            else
            {
                toSend.Add(action);
            }
        }

        var unsent = new List<ActionOutcome>();
        if (toSend.Count > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                unsent.AddRange(toSend.Select(a => new ActionOutcome(a, ActionStatus.Skipped, "interrupted before sending")));
            }
            else if (!await AppendAsync(toSend.Select(records.Intent).ToList(), problems, $"{toSend.Count} intent records").ConfigureAwait(false))
            {
                unsent.AddRange(toSend.Select(a => new ActionOutcome(a, ActionStatus.Skipped, "the intent could not be written to the audit log, so the action was not sent")));
            }
            else
            {
                var applied = await ApplyAsync(policy, read.Account, toSend, cancellationToken).ConfigureAwait(false);
                await AppendAsync(applied.Select(records.Outcome).ToList(), problems, $"{applied.Count} outcome records").ConfigureAwait(false);
                foreach (var outcome in applied)
                {
                    outcomes[outcome.Action] = outcome;
                }
            }

            foreach (var outcome in unsent)
            {
                outcomes[outcome.Action] = outcome;
            }
        }

        return new AccountActing(actions.Select(a => outcomes[a]).ToList(), unsent);
    }

    private static AccountActing Unsent(IReadOnlyList<PlannedAction> actions, string why)
    {
        var list = actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, why)).ToList();
        return new AccountActing(list, list);
    }

    // The outcome a finished action had in an earlier run of this sweep: reported, never sent again.
    private ActionOutcome Replayed(PlannedAction action, AuditRecord done) => done.Outcome switch
    {
        "applied" or "already-done" => new ActionOutcome(action, ActionStatus.AlreadyDone, $"{done.Outcome} by an earlier run of sweep {sweepId}"),
        _ => new ActionOutcome(action, ActionStatus.Skipped, $"{done.Outcome} in an earlier run of sweep {sweepId}; not sent again in the same sweep"),
    };

    private async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, List<PlannedAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await provider.ApplyAsync(policy, account, actions, cancellationToken).ConfigureAwait(false);
            var byAction = applied.ToDictionary<ActionOutcome, PlannedAction, ActionOutcome>(o => o.Action, o => o, ReferenceEqualityComparer.Instance);
            return actions
                .Select(a => byAction.TryGetValue(a, out var o) ? o : new ActionOutcome(a, ActionStatus.Failed, "the provider returned no outcome for this action"))
                .ToList();
        }
        catch (Exception ex)
        {
            // The provider promises outcomes, not exceptions; whatever it threw, the intents get an honest outcome.
            var why = ex is OperationCanceledException ? "interrupted: the call's result is unknown" : $"{ex.GetType().Name}: {ex.Message}";
            return actions.Select(a => new ActionOutcome(a, ActionStatus.Failed, why)).ToList();
        }
    }

    private async Task CloseOpenIntentsAsync(
        Policy policy, AccountReadResult read, IReadOnlyList<AuditRecord> open, IReadOnlyList<PlannedAction> actions, HashSet<string> current, List<string> problems)
    {
        // Intents of actions planned again are closed by this sweep's own outcome; the rest need a complete read to judge.
        var stale = open.Where(r => !current.Contains(r.ActionId!)).ToList();
        if (stale.Count == 0 || !read.Complete || read.Snapshot is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        await AppendAsync(stale.Select(r => OpenIntents.Resolve(policy, r, read.Snapshot, PlannedAgain(r, actions), sweepId, now)).ToList(), problems, $"{stale.Count} outcomes of earlier intents").ConfigureAwait(false);
    }

    private static bool PlannedAgain(AuditRecord intent, IReadOnlyList<PlannedAction> actions) =>
        actions.Any(a => a.Instance.Id == intent.Instance && PlanWords.Action(a.Action) == intent.Action);

    private async Task<bool> AppendAsync(IReadOnlyList<AuditRecord> list, List<string> problems, string what)
    {
        try
        {
            // Never cancelled: an action sent must get its outcome recorded, even while the process is asked to stop.
            await audit.AppendAsync(list, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            problems.Add($"state: appending {what} failed ({ex.Message})");
            return false;
        }
    }
}
