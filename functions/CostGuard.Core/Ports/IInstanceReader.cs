using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>
/// The launch-event path's view of a cloud: read ONE instance (one describe/GET, with its price and tags) and
/// apply one action to it, without the sweep's whole-account read or its state re-check.
/// </summary>
public interface IInstanceReader
{
    CloudKind Cloud { get; }

    /// <summary>Reads one instance by id; never throws for cloud errors (they come back as <see cref="InstanceReadResult.Problem"/>).</summary>
    /// <param name="region">AWS region from the event; ignored on Azure (the resource id is enough).</param>
    Task<InstanceReadResult> ReadInstanceAsync(Policy policy, AccountScope account, string region, string instanceId, CancellationToken cancellationToken);

    /// <summary>Applies one action to the instance just read; never throws for cloud errors.</summary>
    Task<ActionOutcome> ApplyAsync(Policy policy, AccountScope account, PlannedAction action, CancellationToken cancellationToken);
}
