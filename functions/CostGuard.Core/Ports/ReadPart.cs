namespace CostGuard.Ports;

/// <summary>The part of an account read that failed; each blocks different actions (see <see cref="ReadGap"/>).</summary>
public enum ReadPart
{
    /// <summary>Inventory (DescribeInstances, a page, a region, the VM list): nothing is acted on in the account.</summary>
    Inventory,

    /// <summary>The metrics API failed (not: answered with no data): idle stops of the affected instances are held.</summary>
    Metrics,

    /// <summary>The billing API failed: month-to-date spend is a lower bound, so monthly-cap stops are held.</summary>
    Billing,
}
