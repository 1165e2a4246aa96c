using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Launches.Events;
using CostGuard.Policies;
using CostGuard.Sweeps;
using Microsoft.Extensions.Logging;

namespace CostGuard.Launches;

/// <summary>
/// The event processor's one service: parses a <c>costguard-events</c> message (EventBridge from the HTTP intake, or
/// Event Grid/CloudEvents delivered straight to the queue), finds the policy in force that guards the event's account
/// (the first by blob name when several do) and processes each launch. Malformed messages are logged and dropped (a
/// retry cannot fix them); a launch that could not be judged throws, so the queue retries it.
/// </summary>
public sealed class LaunchEventService(
    PolicyCatalog catalog, LaunchProcessor processor, LaunchEventReader reader, LaunchMetrics metrics, ILogger<LaunchEventService> logger)
{
    public async Task<IReadOnlyList<LaunchResult>> ProcessAsync(string message, CancellationToken cancellationToken)
    {
        IReadOnlyList<ParsedEvent> events;
        try
        {
            events = reader.Read(message);
        }
        catch (EventFormatException ex)
        {
            LaunchLog.MalformedMessage(logger, ex.Field, ex.Problem);
            metrics.Event("queue", "rejected", ex.Field);
            return [];
        }

        var policies = await catalog.ReadInForceAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<LaunchResult>(events.Count);
        foreach (var parsed in events)
        {
            var result = await ProcessOneAsync(parsed, policies, cancellationToken).ConfigureAwait(false);
            var decision = PlanWords.Of(result.Decision);
            var subject = result.Event?.InstanceId ?? result.EventType;
            metrics.Event(result.Event is { } e ? PlanWords.Cloud(e.Cloud) : "unknown", decision, result.Reason);
            LaunchLog.Decided(logger, subject, decision, result.Reason, result.LedgerConflictRetries);
            results.Add(result);
        }

        return results;
    }

    private async Task<LaunchResult> ProcessOneAsync(ParsedEvent parsed, IReadOnlyList<ScheduledPolicy> policies, CancellationToken cancellationToken)
    {
        if (parsed.Launch is not { } launch)
        {
            return LaunchResult.Ignored(null, parsed.Type, parsed.IgnoredReason ?? LaunchReasons.UnhandledEvent, parsed.IgnoredDetail ?? "not a launch");
        }

        var policy = Guarding(policies, launch.Cloud, launch.Account);
        if (policy is null)
        {
            return LaunchResult.Ignored(launch, launch.Type, LaunchReasons.NotInScope, $"no policy in force guards {PlanWords.Cloud(launch.Cloud)} account {launch.Account}");
        }

        return await processor.ProcessAsync(policy, parsed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first policy (by blob name) whose accounts include the account; null when none does.</summary>
    public static Policy? Guarding(IReadOnlyList<ScheduledPolicy> policies, CloudKind cloud, string account) =>
        policies
            .OrderBy(p => p.BlobName, StringComparer.Ordinal)
            .Select(p => p.Policy)
            .FirstOrDefault(p => p.Accounts.Any(a => a.Cloud == cloud && string.Equals(a.Id, account, StringComparison.OrdinalIgnoreCase)));
}
