using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// One live sweep: read every in-scope account, evaluate the policy, act (enforce only), audit, remember
/// and notify. Shared by the CLI's <c>plan</c>/<c>enforce</c> and the Functions timer.
/// </summary>
public sealed class GuardSweep
{
    private readonly IReadOnlyDictionary<CloudKind, ICloudFleetProvider> _providers;
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
        var now = _time.GetUtcNow();
        var problems = new List<string>();
        var sweepId = options.SweepId ?? SweepIds.For(policy.Name, SweepIds.DueTime(now, policy.SweepInterval));
        var accounts = options.Accounts is null
            ? policy.Accounts
            : policy.Accounts.Where(a => options.Accounts.Any(s => s.Cloud == a.Cloud && string.Equals(s.Id, a.Id, StringComparison.OrdinalIgnoreCase))).ToList();
        var reads = await new AccountReader(_providers, options.MaxParallelAccounts).ReadAllAsync(policy, accounts, now, cancellationToken).ConfigureAwait(false);
        var memory = await LoadMemoryAsync(policy, problems, cancellationToken).ConfigureAwait(false);
        var snapshot = new FleetSnapshot
        {
            Accounts = reads.Where(r => r.Snapshot is not null).Select(r => r.Snapshot!).ToList(),
            Memory = memory,
        };

        var plan = _evaluate(policy, snapshot, now);
        var acting = options.Act && policy.Mode == PolicyMode.Enforce;
        if (acting && options.Budget is { } budget)
        {
            var claimant = options.BudgetClaimant ?? string.Join(",", accounts.Select(a => $"{PlanWords.Cloud(a.Cloud)}:{a.Id}"));
            plan = await BudgetLimiter.ApplyAsync(policy, plan, budget, sweepId, claimant, cancellationToken).ConfigureAwait(false);
        }

        var outcomes = acting
            ? await new PlanApplier(_providers).ApplyAsync(policy, plan, reads, cancellationToken).ConfigureAwait(false)
            : [];
        plan = plan with { Alerts = [.. plan.Alerts, .. GuardFailures.For(reads, outcomes)] };

        await AppendAuditAsync(SweepAudit.Build(plan, acting, options.Act, outcomes, now), problems, cancellationToken).ConfigureAwait(false);
        DeliveryReport? delivery = null;
        if (options.Act)
        {
            await SaveMemoryAsync(policy, plan.Memory, problems, cancellationToken).ConfigureAwait(false);
            delivery = await NotifyAsync(policy, plan, outcomes, now, cancellationToken).ConfigureAwait(false);
        }

        return new SweepResult
        {
            Plan = plan,
            Acted = acting,
            Reads = reads,
            Outcomes = outcomes,
            Requests = _requests.Snapshot(),
            Delivery = delivery,
            Problems = problems,
        };
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

    private async Task SaveMemoryAsync(Policy policy, GuardMemory memory, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await _state.SaveAsync(policy.Name, memory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"state: saving the guard memory failed ({ex.Message}); alerts may repeat next sweep");
        }
    }

    private async Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await _state.AppendAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"state: appending {records.Count} audit records failed ({ex.Message})");
        }
    }

    private async Task<DeliveryReport?> NotifyAsync(
        Policy policy, Plan plan, IReadOnlyList<ActionOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
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
