using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>
/// The launch path, shared by the Functions event processor and <c>costguard event</c>: read just the launched
/// instance (one describe/GET), judge it against the account's ledger in one atomic update, then apply at most the
/// one action (plus the orphan mark), audit and notify. A missing or stale ledger is first rebuilt from a full read
/// of the account, judged with the sweep's burn-cap rule, by one event per account (<see cref="LedgerRebuildOptions"/>).
/// </summary>
public sealed class LaunchProcessor
{
    private readonly Dictionary<CloudKind, IInstanceReader> _readers;
    private readonly Dictionary<CloudKind, ICloudFleetProvider> _providers;
    private readonly IBurnLedger _ledger;
    private readonly IStateStore? _state;
    private readonly IAlertNotifier? _notifier;
    private readonly TimeProvider _time;
    private readonly LedgerRebuilder _rebuilder;

    public LaunchProcessor(
        IEnumerable<IInstanceReader> readers,
        IEnumerable<ICloudFleetProvider> providers,
        IBurnLedger ledger,
        IStateStore? state,
        IAlertNotifier? notifier,
        TimeProvider time,
        LedgerRebuildOptions? rebuild = null)
    {
        _readers = readers.ToDictionary(r => r.Cloud);
        _providers = providers.ToDictionary(p => p.Cloud);
        _ledger = ledger;
        _state = state;
        _notifier = notifier;
        _time = time;
        _rebuilder = new LedgerRebuilder(ledger, _providers, rebuild ?? new LedgerRebuildOptions(), time);
    }

    /// <summary>Processes one parsed event. Throws <see cref="LaunchProcessingException"/> when it must be retried.</summary>
    public async Task<LaunchResult> ProcessAsync(Policy policy, ParsedEvent parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Launch is not { } launch)
        {
            return LaunchResult.Ignored(null, parsed.Type, parsed.IgnoredReason ?? LaunchReasons.UnhandledEvent, parsed.IgnoredDetail ?? "not a launch");
        }

        var scope = policy.Accounts.FirstOrDefault(a => a.Cloud == launch.Cloud && string.Equals(a.Id, launch.Account, StringComparison.OrdinalIgnoreCase));
        if (scope is null)
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotInScope,
                $"account {launch.Account} is not in policy {policy.Name}'s accounts: not this guard's to judge");
        }

        if (launch.Cloud == CloudKind.Aws && !scope.Regions.Contains(launch.Region, StringComparer.OrdinalIgnoreCase))
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotInScope,
                $"region {launch.Region} is not among the regions policy {policy.Name} guards for account {launch.Account}");
        }

        if (!_readers.TryGetValue(launch.Cloud, out var reader))
        {
            throw new LaunchProcessingException($"no {PlanWords.Cloud(launch.Cloud)} instance reader is configured for this run");
        }

        var read = await reader.ReadInstanceAsync(policy, scope, launch.Region, launch.InstanceId, cancellationToken).ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            throw new LaunchProcessingException($"reading {launch.InstanceId} failed: {problem}");
        }

        if (read.Instance is not { } instance)
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotFound, $"{launch.InstanceId} does not exist (any more)");
        }

        if (instance.State is not (InstanceState.Running or InstanceState.Pending))
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotRunning, $"{instance.Id} is {PlanWords.Of(instance.State)}, not running") with { Instance = instance };
        }

        if (!policy.Gpu.IsGpu(instance.Cloud, instance.Type))
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotGpu, $"{instance.Type} is not a GPU type under policy {policy.Name}") with { Instance = instance };
        }

        var now = _time.GetUtcNow();
        var enforce = policy.Mode == PolicyMode.Enforce;
        var memory = await LoadMemoryAsync(policy, cancellationToken).ConfigureAwait(false);
        var rebuild = await RebuildIfStaleAsync(policy, scope, memory, enforce, cancellationToken).ConfigureAwait(false);
        if (rebuild?.Stops.FirstOrDefault(s => string.Equals(s.Instance.Id, instance.Id, StringComparison.OrdinalIgnoreCase)) is { } stoppedByRebuild)
        {
            return await FinishAsync(policy, launch, instance, new LaunchVerdict
            {
                Decision = LaunchDecision.Stopped,
                Reason = PlanWords.Reason(stoppedByRebuild.Reason),
                Detail = $"{stoppedByRebuild.Detail} (judged with the whole account while rebuilding its stale ledger)",
                BurnBeforeUsdPerHour = rebuild.BurnBefore,
                BurnAfterUsdPerHour = rebuild.Ledger.BurnUsdPerHour,
            }, rebuild, 0, enforce, now, cancellationToken).ConfigureAwait(false);
        }

        LedgerUpdate<LaunchVerdict> update;
        if (enforce)
        {
            try
            {
                update = await _ledger.UpdateAsync(launch.Cloud, scope.Id, current =>
                {
                    var (verdict, next) = LaunchJudge.Judge(policy, current ?? BurnLedgerState.Empty(launch.Cloud, scope.Id), instance, memory, now);
                    return new LedgerChange<LaunchVerdict>(next, verdict);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (LedgerContentionException ex)
            {
                // Nothing was written and nothing acted on: judging again on a redelivery is safe.
                throw new LaunchProcessingException($"judging {instance.Id} failed: {ex.Message}", ex);
            }
        }
        else
        {
            // Dry-run judges against the ledger as it is (or as just rebuilt) and writes nothing.
            var current = rebuild?.Ledger ?? await _ledger.ReadAsync(launch.Cloud, scope.Id, cancellationToken).ConfigureAwait(false);
            var (verdict, _) = LaunchJudge.Judge(policy, current ?? BurnLedgerState.Empty(launch.Cloud, scope.Id), instance, memory, now);
            update = new LedgerUpdate<LaunchVerdict>(verdict, 0);
        }

        if (update.Result.Alerts.Count > 0 && update.Result.Memory is { } next)
        {
            await SaveMemoryAsync(policy, next, cancellationToken).ConfigureAwait(false);
        }

        return await FinishAsync(policy, launch, instance, update.Result, rebuild, update.ConflictRetries, enforce, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LedgerRebuildOutcome?> RebuildIfStaleAsync(Policy policy, AccountScope scope, GuardMemory memory, bool enforce, CancellationToken cancellationToken)
    {
        var rebuilt = await _rebuilder.RebuildIfStaleAsync(policy, scope, memory, enforce, cancellationToken).ConfigureAwait(false);
        if (rebuilt is null || !enforce || rebuilt.Stops.Count == 0)
        {
            return rebuilt;
        }

        // Only the event that wrote the rebuilt ledger applies its stops: the others find them in the ledger.
        var outcomes = await ApplyAllAsync(_providers[scope.Cloud], policy, scope, rebuilt.Stops, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return rebuilt with { Outcomes = outcomes };
    }

    private async Task<IReadOnlyList<ActionOutcome>> ApplyAllAsync(
        ICloudFleetProvider provider, Policy policy, AccountScope scope, IReadOnlyList<PlannedAction> stops, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AuditAsync(LaunchAudit.Intents(policy, stops, now), [], cancellationToken).ConfigureAwait(false);
        try
        {
            return await provider.ApplyAsync(policy, scope, stops, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return stops.Select(s => new ActionOutcome(s, ActionStatus.Failed, $"{ex.GetType().Name}: {ex.Message}")).ToList();
        }
    }

    private async Task<LaunchResult> FinishAsync(
        Policy policy, LaunchEvent launch, InstanceSnapshot instance, LaunchVerdict verdict, LedgerRebuildOutcome? rebuild,
        int retries, bool enforce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var outcomes = new List<ActionOutcome>(rebuild?.Outcomes ?? []);
        var reader = _readers[launch.Cloud];
        var scope = policy.Accounts.First(a => a.Cloud == launch.Cloud && string.Equals(a.Id, launch.Account, StringComparison.OrdinalIgnoreCase));
        if (enforce)
        {
            foreach (var action in verdict.Actions)
            {
                await AuditAsync(LaunchAudit.Intents(policy, [action], now), problems, cancellationToken).ConfigureAwait(false);
                outcomes.Add(await ApplyOneAsync(reader, policy, scope, action, cancellationToken).ConfigureAwait(false));
            }
        }

        await AuditAsync(LaunchAudit.Build(policy, launch, instance, verdict, outcomes, enforce, now), problems, cancellationToken).ConfigureAwait(false);
        if (enforce)
        {
            await NotifyAsync(policy, verdict.Alerts, outcomes, now, problems, cancellationToken).ConfigureAwait(false);
        }

        return new LaunchResult
        {
            Event = launch,
            EventType = launch.Type,
            Decision = verdict.Decision,
            Reason = verdict.Reason,
            Detail = verdict.Detail,
            Instance = instance,
            BurnBeforeUsdPerHour = verdict.BurnBeforeUsdPerHour,
            BurnAfterUsdPerHour = verdict.BurnAfterUsdPerHour,
            Outcomes = enforce ? outcomes : verdict.Actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, "dry-run")).ToList(),
            DryRun = !enforce,
            RebuiltLedger = rebuild is not null,
            LedgerConflictRetries = retries,
            Problems = problems,
        };
    }

    private static async Task<ActionOutcome> ApplyOneAsync(
        IInstanceReader reader, Policy policy, AccountScope scope, PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ApplyAsync(policy, scope, action, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<GuardMemory> LoadMemoryAsync(Policy policy, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return GuardMemory.Empty;
        }

        try
        {
            return await _state.LoadAsync(policy.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without memory an alert may repeat, which is better than not judging the launch.
            return GuardMemory.Empty;
        }
    }

    private async Task SaveMemoryAsync(Policy policy, GuardMemory memory, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return;
        }

        try
        {
            await _state.SaveAsync(policy.Name, memory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Dedup memory is best effort here; the sweep saves it again.
        }
    }

    private async Task AuditAsync(IReadOnlyList<AuditRecord> records, List<string> problems, CancellationToken cancellationToken)
    {
        if (_state is null || records.Count == 0)
        {
            return;
        }

        try
        {
            await _state.AppendAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"state: appending {records.Count} audit records failed ({ex.Message})");
        }
    }

    private async Task NotifyAsync(
        Policy policy, IReadOnlyList<PlannedAlert> alerts, List<ActionOutcome> outcomes, DateTimeOffset now, List<string> problems, CancellationToken cancellationToken)
    {
        if (_notifier is null || (alerts.Count == 0 && outcomes.Count == 0))
        {
            return;
        }

        try
        {
            await _notifier.DeliverAsync(policy, new AlertBatch { Time = now, Alerts = alerts, Actions = outcomes }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Delivery never undoes or blocks enforcement.
            problems.Add($"alerts: delivery failed ({ex.GetType().Name})");
        }
    }
}
