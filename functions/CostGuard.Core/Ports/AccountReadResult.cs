using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>What an adapter could read of one account; <see cref="Complete"/> false forbids acting on it.</summary>
public sealed record AccountReadResult
{
    public required AccountScope Account { get; init; }

    /// <summary>The account as read; null when nothing usable could be read.</summary>
    public AccountSnapshot? Snapshot { get; init; }

    /// <summary>
    /// False when inventory failed partway (a region, a page): the sweep then acts on nothing in this account. A failed
    /// metrics or billing read does not make the account incomplete; it is a <see cref="Gaps"/> entry that holds only the
    /// actions resting on it.
    /// </summary>
    public required bool Complete { get; init; }

    /// <summary>Errors, each naming the region/call and what went wrong.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Per-instance observations for the report (missing GPU metrics, unknown price, spot).</summary>
    public IReadOnlyList<InstanceNote> Notes { get; init; } = [];

    /// <summary>
    /// Reads that failed (an API error, an outage), as distinct from reads that answered with no data. An incomplete
    /// inventory should also be listed here with <see cref="ReadPart.Inventory"/> so reports can say why.
    /// </summary>
    public IReadOnlyList<ReadGap> Gaps { get; init; } = [];

    /// <summary>
    /// True when the inventory was read whole: complete, a snapshot, and no <see cref="ReadPart.Inventory"/> gap. Only such
    /// a read may replace what is kept from earlier reads (the burn ledger, the status figures): a partial or failed list
    /// would read as "fewer instances, less burn" when the guard simply could not see them.
    /// </summary>
    public bool InventoryComplete => Complete && Snapshot is not null && !Gaps.Any(g => g.Part == ReadPart.Inventory);

    /// <summary>Why the account's read is incomplete, for the <c>incomplete: &lt;why&gt;</c> report; empty when nothing failed.</summary>
    public IReadOnlyList<string> IncompleteReasons()
    {
        var reasons = Gaps.Select(g => g.Problem).ToList();
        if (!Complete && !Gaps.Any(g => g.Part == ReadPart.Inventory))
        {
            reasons.InsertRange(0, Problems.Count == 0 ? ["inventory could not be read completely"] : Problems.Where(p => !reasons.Contains(p)));
        }

        return reasons.Distinct(StringComparer.Ordinal).ToList();
    }
}
