using CostGuard.Azure.Actions;
using CostGuard.Azure.Billing;
using CostGuard.Azure.Http;
using CostGuard.Azure.Inventory;
using CostGuard.Azure.Logging;
using CostGuard.Azure.Monitoring;
using CostGuard.Azure.Pricing;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostGuard.Azure;

/// <summary>Azure's <see cref="ICloudFleetProvider"/>: one subscription per call, cloud failures reported, never thrown.</summary>
public sealed class AzureFleetProvider : ICloudFleetProvider
{
    private readonly AzureClients _clients;
    private readonly VmInventoryReader _inventory;
    private readonly MetricsBatchClient _metrics;
    private readonly GpuUtilizationReader _gpu;
    private readonly SpendReader _spend;
    private readonly VmActionApplier _actions;
    private readonly AzureProviderOptions _options;
    private readonly AzurePriceTable _prices;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // When each subscription's last read started: its sweep deadline and the age of what its decisions rest on.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _readStarted = new(StringComparer.OrdinalIgnoreCase);

    public AzureFleetProvider(AzureProviderOptions options, IBillingCache billingCache, ApiRequestCounter counter, TimeProvider time, ILogger<AzureFleetProvider>? logger = null)
        : this(options, billingCache, counter, time, AzurePriceTable.Shipped, logger)
    {
    }

    internal AzureFleetProvider(AzureProviderOptions options, IBillingCache billingCache, ApiRequestCounter counter, TimeProvider time, AzurePriceTable prices, ILogger? logger)
    {
        _options = options;
        _prices = prices;
        _logger = logger ?? NullLogger.Instance;
        _time = time;
        _clients = new AzureClients(options, counter, time);
        _inventory = new VmInventoryReader(_clients.Arm);
        _metrics = new MetricsBatchClient(_clients.Metrics, options.Endpoints);
        _gpu = new GpuUtilizationReader(new LogAnalyticsClient(_clients.Logs, options.Endpoints));
        _spend = new SpendReader(
            new CostManagementClient(_clients.CostManagement, options.Endpoints),
            billingCache,
            options.BillingCacheTtl < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : options.BillingCacheTtl);
        _actions = new VmActionApplier(_clients.Arm, time, options);
    }

    public CloudKind Cloud => CloudKind.Azure;

    public async Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        _readStarted[account.Id] = started;
        SweepDeadline.Current = started + _options.SweepDeadline;
        var reader = new SubscriptionRead(this, policy, account, now);
        try
        {
            return await reader.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong stays with this subscription; the sweep goes on with the others.
            var problem = $"subscription {account.Id}: {ex.GetType().Name}: {ex.Message}";
            Log.SubscriptionProblem(_logger, account.Id, problem);
            return new AccountReadResult { Account = account, Complete = false, Problems = [problem], Gaps = [ReadGap.Whole(ReadPart.Inventory, problem)] };
        }
    }

    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        // The deadline counts from the read the actions were decided on (or from now, for actions decided elsewhere).
        var started = _readStarted.TryGetValue(account.Id, out var read) ? read : _time.GetUtcNow();
        SweepDeadline.Current = started + _options.SweepDeadline;
        var stillIdle = await StillIdleAsync(policy, account, actions, started, cancellationToken).ConfigureAwait(false);
        var outcomes = await _actions.ApplyAsync(policy, account, actions, stillIdle, cancellationToken).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            Log.ActionDone(_logger, outcome.Action.Action, outcome.Action.Instance.Id, outcome.Status, outcome.Error);
        }

        return outcomes;
    }

    /// <summary>
    /// When the read the actions were decided on started longer ago than the idle window, its utilization says nothing
    /// about now: the subscription is read again and the engine asked again which VMs are idle. Null when the read is
    /// recent (or no idle stop is planned). A VM the fresh read cannot judge (a metrics gap) is not in the set.
    /// </summary>
    private async Task<IReadOnlySet<string>?> StillIdleAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, DateTimeOffset readStarted, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (policy.Idle is not { } idle || now - readStarted <= idle.Window
            || !actions.Any(a => a.Action == ActionKind.Stop && a.Reason == ActionReason.Idle))
        {
            return null;
        }

        var fresh = await new SubscriptionRead(this, policy, account, now).RunAsync(cancellationToken).ConfigureAwait(false);
        if (!fresh.Complete || fresh.Snapshot is null)
        {
            return new HashSet<string>();
        }

        // Only the idle rule is asked: no safety limit (it would hide idle VMs), no memory (alerts are not needed here).
        var plan = new DecisionEngine().Evaluate(policy with { Safety = null }, new FleetSnapshot { Accounts = [fresh.Snapshot] }, now);
        return plan.Actions
            .Where(a => a.Action == ActionKind.Stop && a.Reason == ActionReason.Idle && !fresh.Gaps.Any(g => g.Part == ReadPart.Metrics && g.Affects(a.Instance.Id)))
            .Select(a => a.Instance.Id)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>One subscription's read: inventory, prices, utilization, spend.</summary>
    private sealed class SubscriptionRead(AzureFleetProvider owner, Policy policy, AccountScope account, DateTimeOffset now)
    {
        private readonly List<string> _problems = [];
        private readonly List<InstanceNote> _notes = [];
        private readonly List<ReadGap> _gaps = [];

        public async Task<AccountReadResult> RunAsync(CancellationToken cancellationToken)
        {
            VmInventory inventory;
            try
            {
                inventory = await owner._inventory.ListAsync(account.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (global::Azure.RequestFailedException ex)
            {
                return Fail($"listing VMs of subscription {account.Id} failed: HTTP {ex.Status} {ex.ErrorCode}: {FirstLine(ex.Message)}");
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                return Fail($"listing VMs of subscription {account.Id} failed: the reply could not be read ({FirstLine(ex.Message)})");
            }

            var vms = inventory.Vms
                .Where(vm => account.Regions.Count == 0 || account.Regions.Contains(vm.Region, StringComparer.OrdinalIgnoreCase))
                .ToList();
            var gpu = vms.Where(vm => policy.Gpu.IsGpu(CloudKind.Azure, vm.Size)).ToList();
            Log.Inventoried(owner._logger, account.Id, vms.Count, gpu.Count);
            foreach (var id in inventory.WithoutPowerState.Where(id => gpu.Any(g => g.Id.Equals(id, StringComparison.OrdinalIgnoreCase))))
            {
                _notes.Add(new InstanceNote(id, "power state unknown (VM appeared between the two list calls); counted as billing"));
            }

            var instances = gpu.Select(ToInstance).ToList();
            if (policy.Idle is not null)
            {
                instances = await WithSamplesAsync(instances, cancellationToken).ConfigureAwait(false);
            }

            var snapshot = new AccountSnapshot { Cloud = CloudKind.Azure, Id = account.Id, Instances = instances };
            snapshot = await WithSpendAsync(snapshot, vms, cancellationToken).ConfigureAwait(false);
            foreach (var problem in _problems)
            {
                Log.SubscriptionProblem(owner._logger, account.Id, problem);
            }

            return new AccountReadResult { Account = account, Snapshot = snapshot, Complete = true, Problems = _problems, Notes = _notes, Gaps = _gaps };
        }

        /// <summary>A read that failed (not one that found no data): reported, and holding only what rests on it.</summary>
        private void Gap(ReadPart part, string problem, IReadOnlyList<string>? instanceIds = null)
        {
            _problems.Add(problem);
            _gaps.Add(new ReadGap(part, problem, instanceIds ?? []));
        }

        private InstanceSnapshot ToInstance(AzureVm vm)
        {
            var price = AzurePricer.PriceOf(owner._prices, policy.Pricing, vm.Region, vm.Size);
            if (price is null)
            {
                _notes.Add(new InstanceNote(vm.Id, $"unknown price for {vm.Size} in {vm.Region}: burns at 0 USD/h until the policy's pricing.usdPerHour names it"));
            }

            if (vm.LaunchTime is null)
            {
                _notes.Add(new InstanceNote(vm.Id, "ARM reported neither timeCreated nor a last operation time; launch time taken as now"));
            }

            if (vm.Spot)
            {
                _notes.Add(new InstanceNote(vm.Id, "Spot VM: priced at the pay-as-you-go rate"));
            }

            return new InstanceSnapshot
            {
                Cloud = CloudKind.Azure,
                Account = account.Id,
                Region = vm.Region,
                Id = vm.Id,
                Type = vm.Size,
                State = PowerStates.ToInstanceState(vm.PowerState),
                LaunchTime = vm.LaunchTime ?? now,
                Tags = vm.Tags,
                UsdPerHour = price ?? 0m,
                Spot = vm.Spot,
            };
        }

        private async Task<List<InstanceSnapshot>> WithSamplesAsync(List<InstanceSnapshot> instances, CancellationToken cancellationToken)
        {
            var window = MetricWindow.For(now, policy.Idle!.Window, owner._options.MetricsInterval);
            var measured = instances.Where(i => i.IsBilling).ToList();
            if (measured.Count == 0)
            {
                return instances;
            }

            if (SweepDeadline.Passed(owner._time))
            {
                Gap(ReadPart.Metrics, "utilization not read: the sweep deadline passed first (left undone)");
                return instances.Select(i => i.IsBilling ? i with { Samples = [] } : i).ToList();
            }

            var cpuTask = ReadCpuAsync(measured, window, cancellationToken);
            var gpuTask = ReadGpuAsync(measured, window, cancellationToken);
            var cpu = await cpuTask.ConfigureAwait(false);
            var gpu = await gpuTask.ConfigureAwait(false);
            var bins = window.Bins().ToList();

            // The newest bin is usually not ingested yet: an empty one is "not yet", not "missing", so it is
            // left out and the previous sample holds until now (a sample holds until the next one).
            var ingestionCutoff = now - owner._options.MetricsInterval;
            return instances.Select(instance =>
            {
                if (!instance.IsBilling)
                {
                    return instance;
                }

                // "Missing metrics" is only said when the API answered and had nothing for this VM; a failed query is a gap.
                if (account.LogAnalyticsWorkspaceId is null)
                {
                    _notes.Add(new InstanceNote(instance.Id, "missing metrics: the subscription has no logAnalyticsWorkspaceId, so there is no GPU utilization"));
                }
                else if (gpu is not null && !gpu.Has(instance.Id))
                {
                    _notes.Add(new InstanceNote(instance.Id, $"missing metrics: no GPU utilization in workspace {account.LogAnalyticsWorkspaceId} for the idle window"));
                }

                var samples = bins
                    .Select(bin => new UtilizationSample(bin, gpu?.Get(instance.Id, bin), cpu.Get(instance.Id, bin)))
                    .Where(s => s.Time <= ingestionCutoff || s.GpuPercent is not null || s.CpuPercent is not null)
                    .ToList();
                return instance with { Samples = samples };
            }).ToList();
        }

        private async Task<MetricSeries> ReadCpuAsync(List<InstanceSnapshot> measured, MetricWindow window, CancellationToken cancellationToken)
        {
            var all = new MetricSeries();
            var batches = measured
                .GroupBy(i => i.Region, StringComparer.OrdinalIgnoreCase)
                .SelectMany(region => region.Chunk(MetricsBatchClient.MaxResourcesPerCall).Select(chunk => (Region: region.Key, Ids: chunk.Select(i => i.Id).ToList())))
                .ToList();
            foreach (var batch in batches)
            {
                if (SweepDeadline.Passed(owner._time))
                {
                    Gap(ReadPart.Metrics, $"CPU metrics for {batch.Ids.Count} VMs in {batch.Region} not read: the sweep deadline passed first (left undone)", batch.Ids);
                    continue;
                }

                try
                {
                    all.AddAll(await owner._metrics.GetCpuAsync(account.Id, batch.Region, batch.Ids, window, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is AzureCallException or global::Azure.RequestFailedException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    // Nulls from our own failure must not look like idleness: a gap holds these VMs' idle stops, nothing else.
                    Gap(ReadPart.Metrics, $"CPU metrics for {batch.Ids.Count} VMs in {batch.Region} could not be read: {FirstLine(ex.Message)}", batch.Ids);
                }
            }

            return all;
        }

        /// <summary>GPU % from the workspace; null when the subscription has none or the query failed (then a gap says so).</summary>
        private async Task<MetricSeries?> ReadGpuAsync(List<InstanceSnapshot> measured, MetricWindow window, CancellationToken cancellationToken)
        {
            if (account.LogAnalyticsWorkspaceId is not { Length: > 0 } workspace)
            {
                return null;
            }

            try
            {
                var reading = await owner._gpu.ReadAsync(workspace, policy.Gpu.AzureInsightsMetric, window, cancellationToken).ConfigureAwait(false);
                if (reading.Warning is not null)
                {
                    // Partial data: a VM without rows may only be missing from the part that failed.
                    Gap(ReadPart.Metrics, $"Log Analytics workspace {workspace} returned partial GPU data: {reading.Warning}", measured.Select(i => i.Id).ToList());
                }

                return reading.Series;
            }
            catch (Exception ex) when (ex is AzureCallException or global::Azure.RequestFailedException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                Gap(ReadPart.Metrics, $"GPU utilization from Log Analytics workspace {workspace} could not be read: {FirstLine(ex.Message)}", measured.Select(i => i.Id).ToList());
                return null;
            }
        }

        private async Task<AccountSnapshot> WithSpendAsync(AccountSnapshot snapshot, List<AzureVm> vms, CancellationToken cancellationToken)
        {
            var monthStart = Time.IsoTime.MonthStart(now);
            var from = monthStart;
            if (policy.Anomaly is { } anomaly)
            {
                var baselineStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(anomaly.BaselineDays + 1));
                from = baselineStart < monthStart ? baselineStart : monthStart;
            }

            if (SweepDeadline.Passed(owner._time))
            {
                Gap(ReadPart.Billing, "spend not read: the sweep deadline passed first (left undone)");
                return snapshot;
            }

            var billing = await owner._spend.ReadAsync(account.Id, from, now, cancellationToken).ConfigureAwait(false);
            if (billing.Problem is not null && billing.Rows is null)
            {
                Gap(ReadPart.Billing, $"spend: {billing.Problem}");
            }
            else if (billing.Problem is not null)
            {
                // An older answer stands in for the failed query; the figure says how old it is (SpendAsOf).
                _problems.Add($"spend: {billing.Problem}");
            }

            var allIds = vms.Select(vm => vm.Id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            if (billing.Rows is null || billing.FetchedAt is null)
            {
                // Spend unknown: SpendAsOf and BilledUsd stay null so reports say so; the month-to-date figure is live
                // burn since the month began only (no rows: nothing billed counted, live from the month start).
                var live = SpendCalculator.Compute([], snapshot.Instances, allIds, now, now, userTag: null);
                return snapshot with { MonthToDateUsd = live.MonthToDateUsd };
            }

            var figures = SpendCalculator.Compute(billing.Rows, snapshot.Instances, allIds, billing.FetchedAt.Value, now, policy.Anomaly?.UserTag);
            if (figures.CurrencyProblem is not null)
            {
                _problems.Add(figures.CurrencyProblem);
            }

            return snapshot with { MonthToDateUsd = figures.MonthToDateUsd, BilledUsd = figures.BilledUsd, SpendAsOf = figures.SpendAsOf, DailyUsage = figures.Days };
        }

        private AccountReadResult Fail(string problem)
        {
            Log.SubscriptionProblem(owner._logger, account.Id, problem);
            return new AccountReadResult { Account = account, Complete = false, Problems = [problem], Gaps = [ReadGap.Whole(ReadPart.Inventory, problem)] };
        }

        private static string FirstLine(string text)
        {
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return (newline < 0 ? text : text[..newline]).Trim();
        }
    }
}
