namespace CostGuard.Launches;

/// <summary>What an attempt to claim a ledger's rebuild found.</summary>
internal enum RebuildClaimResult
{
    /// <summary>The ledger is fresh (another event or a sweep rebuilt it): judge against it.</summary>
    Fresh,

    /// <summary>Another event holds a live claim: wait for its ledger.</summary>
    Busy,

    /// <summary>This event holds the claim: read the account and rebuild.</summary>
    Claimed,
}
