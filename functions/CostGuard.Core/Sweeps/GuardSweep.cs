using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// One live sweep: lock and read every in-scope account, evaluate the policy, hold what rests on failed reads,
/// act intent-first (enforce only), audit, remember and notify. Shared by the CLI's <c>plan</c>/<c>enforce</c> and
/// the Functions app (one account per queue message, with a shared sweep budget).
/// </summary>
/// <remarks>
/// Cancelling <c>RunAsync</c>'s token while it acts (SIGTERM, a function timeout) stops new changing calls; calls
/// already sent complete and their outcomes are recorded, the rest is reported unsent and the result says
/// <see cref="SweepResult.Interrupted"/>. Cancelled before acting, it throws <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class GuardSweep
{
    private readonly Dictionary<CloudKind, ICloudFleetProvider> _providers;
    private readonly IStateStore _state;
    private readonly IAlertNotifier? _notifier;
    private readonly TimeProvider _time;
    private readonly ApiRequestCounter _requests;
    private readonly Func<Policy, FleetSnapshot, DateTimeOffset, Plan> _evaluate;

    /// <param name="requests">The counter the providers count into, so the result can report it.</param>
    /// <param name="evaluate">The decision step; defaults to <see cref="DecisionEngine.Evaluate"/>.</param>
    public GuardSweep(
        IEnumerable<ICloudFleetProvider> providers,
        IStateStore state,
        IAlertNotifier? notifier,
        TimeProvider time,
        ApiRequestCounter? requests = null,
        Func<Policy, FleetSnapshot, DateTimeOffset, Plan>? evaluate = null)
    {
        _providers = providers.ToDictionary(p => p.Cloud);
        _state = state;
        _notifier = notifier;
        _time = time;
        _requests = requests ?? new ApiRequestCounter();
        _evaluate = evaluate ?? ((policy, snapshot, now) => new DecisionEngine().Evaluate(policy, snapshot, now));
    }

    public async Task<SweepResult> RunAsync(Policy policy, SweepOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        var sweepId = options.SweepId ?? SweepIds.For(policy.Name, SweepIds.DueTime(now, policy.SweepInterval));
        var accounts = options.Accounts is null
            ? policy.Accounts
            : policy.Accounts.Where(a => options.Accounts.Any(s => s.Cloud == a.Cloud && string.Equals(s.Id, a.Id, StringComparison.OrdinalIgnoreCase))).ToList();
        var acting = options.Act && policy.Mode == PolicyMode.Enforce;
        var locks = new SweepLocks(options.Act ? options.Lock : null, options.LockHolder ?? Guid.NewGuid().ToString("N"), options.LockDuration);
        try
        {
            var swept = await locks.AcquireAsync(accounts, cancellationToken).ConfigureAwait(false);
            return await SweepAsync(policy, options, sweepId, swept, locks, acting, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await locks.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<SweepResult> SweepAsync(
        Policy policy, SweepOptions options, string sweepId, IReadOnlyList<AccountScope> accounts, SweepLocks locks, bool acting, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var reads = await new AccountReader(_providers, options.MaxParallelAccounts).ReadAllAsync(policy, accounts, now, cancellationToken).ConfigureAwait(false);
        var memory = await LoadMemoryAsync(policy, problems, cancellationToken).ConfigureAwait(false);
        var snapshot = new FleetSnapshot
        {
            Accounts = reads.Where(r => r.Snapshot is not null).Select(r => r.Snapshot!).ToList(),
            Memory = memory,
        };

        var plan = _evaluate(policy, snapshot, now);
        var (proceed, held) = ReadHolds.Split(plan.Actions, reads);
        if (acting && options.Budget is { } budget)
        {
            // Held actions are not sent, so they claim no share of the sweep's budget.
            var claimant = options.BudgetClaimant ?? string.Join(",", accounts.Select(a => $"{PlanWords.Cloud(a.Cloud)}:{a.Id}"));
            var heldSet = held.Select(h => h.Action).ToHashSet(ReferenceEqualityComparer.Instance);
            var limited = await BudgetLimiter.ApplyAsync(policy, plan with { Actions = proceed }, budget, sweepId, claimant, cancellationToken).ConfigureAwait(false);
            var keptSet = limited.Actions.ToHashSet(ReferenceEqualityComparer.Instance);
            plan = limited with { Actions = [.. plan.Actions.Where(a => heldSet.Contains(a) || keptSet.Contains(a))] };
            proceed = limited.Actions;
        }

        var mode = acting ? "enforce" : "dry-run";
        var records = new SweepAudit(policy.Name, sweepId, mode, withIds: options.Act, now);
        var outcomes = new List<ActionOutcome>();
        var unsent = new List<ActionOutcome>();
        if (acting)
        {
            await ActAsync(policy, sweepId, reads, proceed, locks, records, outcomes, unsent, problems, cancellationToken).ConfigureAwait(false);
        }

        var interrupted = acting && cancellationToken.IsCancellationRequested;
        plan = plan with { Alerts = [.. plan.Alerts, .. GuardFailures.For(reads, outcomes)] };
        var planned = acting ? [] : proceed;
        await AppendAuditAsync(records.Decisions(plan, planned, held, unsent, options.Act), problems).ConfigureAwait(false);
        DeliveryReport? delivery = null;
        if (options.Act)
        {
            await SaveMemoryAsync(policy, plan.Memory, problems).ConfigureAwait(false);
            if (!interrupted)
            {
                delivery = await NotifyAsync(policy, plan, outcomes, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SweepResult
        {
            Plan = plan,
            SweepId = sweepId,
            Acting = acting,
            Reads = reads,
            Outcomes = outcomes,
            Held = held,
            Locked = locks.Refused,
            Interrupted = interrupted,
            Requests = _requests.Snapshot(),
            Delivery = delivery,
            Problems = problems,
        };
    }

    private async Task ActAsync(
        Policy policy, string sweepId, IReadOnlyList<AccountReadResult> reads, IReadOnlyList<PlannedAction> proceed, SweepLocks locks, SweepAudit records,
        List<ActionOutcome> outcomes, List<ActionOutcome> unsent, List<string> problems, CancellationToken cancellationToken)
    {
        foreach (var read in reads)
        {
            var actions = proceed.Where(a => a.Instance.Cloud == read.Account.Cloud
                && string.Equals(a.Instance.Account, read.Account.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (!_providers.TryGetValue(read.Account.Cloud, out var provider))
            {
                continue;
            }

            if (!await locks.RenewAsync(read.Account, CancellationToken.None).ConfigureAwait(false))
            {
                problems.Add($"lock: the lease on {PlanWords.Cloud(read.Account.Cloud)} {read.Account.Id} was lost before acting; nothing is acted on there");
                var lost = actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, "the account lock was lost before acting")).ToList();
                outcomes.AddRange(lost);
                unsent.AddRange(lost);
                continue;
            }

            // Even with no action to send, open intents of earlier sweeps are closed against this read.
            var actor = new AccountActor(provider, _state, records, sweepId, _time);
            var acted = await actor.ActAsync(policy, read, actions, problems, cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(acted.Outcomes);
            unsent.AddRange(acted.Unsent);
        }

        // Outcomes in plan order, as reports list them.
        var order = proceed.Select((a, i) => (a, i)).ToDictionary<(PlannedAction a, int i), PlannedAction, int>(p => p.a, p => p.i, ReferenceEqualityComparer.Instance);
        outcomes.Sort((x, y) => order.GetValueOrDefault(x.Action).CompareTo(order.GetValueOrDefault(y.Action)));
    }

    private async Task<GuardMemory> LoadMemoryAsync(Policy policy, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await _state.LoadAsync(policy.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without memory alerts may repeat, which is better than not guarding at all.
            problems.Add($"state: loading the guard memory failed ({ex.Message}); alerts may repeat");
            return GuardMemory.Empty;
        }
    }

    private async Task SaveMemoryAsync(Policy policy, GuardMemory memory, List<string> problems)
    {
        try
        {
            await _state.SaveAsync(policy.Name, memory, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            problems.Add($"state: saving the guard memory failed ({ex.Message}); alerts may repeat next sweep");
        }
    }

    private async Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, List<string> problems)
    {
        try
        {
            // Not cancellable: what was decided (and sent) is recorded even while the process is asked to stop.
            await _state.AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            problems.Add($"state: appending {records.Count} audit records failed ({ex.Message})");
        }
    }

    private async Task<DeliveryReport?> NotifyAsync(
        Policy policy, Plan plan, List<ActionOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_notifier is null || (plan.Alerts.Count == 0 && outcomes.Count == 0))
        {
            return null;
        }

        var batch = new AlertBatch { Time = now, Alerts = plan.Alerts, Actions = outcomes };
        try
        {
            return await _notifier.DeliverAsync(policy, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Delivery must never block or undo enforcement: record the failure and move on.
            return new DeliveryReport([new DeliveryResult("*", "*", false, 0, $"{ex.GetType().Name}: {ex.Message}")]);
        }
    }
}
