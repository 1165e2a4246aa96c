namespace CostGuard.Status;

/// <summary>
/// An account's month to date at the moment the status is shown: <see cref="BilledUsd"/> (the billing data, up to
/// <see cref="BilledThrough"/>) plus <see cref="LiveSinceUsd"/> (live burn since then). Without billing data
/// <see cref="BillingKnown"/> is false, billed is null and the total is the live estimate since <see cref="LiveFrom"/>
/// (the month start) alone.
/// </summary>
public sealed record MonthToDateView
{
    public required decimal TotalUsd { get; init; }

    public decimal? BilledUsd { get; init; }

    public DateTimeOffset? BilledThrough { get; init; }

    public required decimal LiveSinceUsd { get; init; }

    /// <summary>Where the live part starts: <see cref="BilledThrough"/>, or the month start when billing is unknown.</summary>
    public required DateTimeOffset LiveFrom { get; init; }

    /// <summary>The burn the live part is carried forward with since the last sweep (USD/hour).</summary>
    public required decimal LiveBurnUsdPerHour { get; init; }

    public bool BillingKnown => BilledUsd is not null;
}
