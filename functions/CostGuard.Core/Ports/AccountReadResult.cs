using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>What an adapter could read of one account; <see cref="Complete"/> false forbids acting on it.</summary>
public sealed record AccountReadResult
{
    public required AccountScope Account { get; init; }

    /// <summary>The account as read; null when nothing usable could be read.</summary>
    public AccountSnapshot? Snapshot { get; init; }

    /// <summary>False when inventory failed partway (a region, a page): the sweep then acts on nothing in this account.</summary>
    public required bool Complete { get; init; }

    /// <summary>Errors, each naming the region/call and what went wrong.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Per-instance observations for the report (missing GPU metrics, unknown price, spot).</summary>
    public IReadOnlyList<InstanceNote> Notes { get; init; } = [];
}
