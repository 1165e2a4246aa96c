namespace CostGuard.Storage.Billing;

/// <summary>See <see cref="ClaimOutcome"/>.</summary>
internal enum ClaimOutcomeKind
{
    /// <summary>Another instance is fetching: poll.</summary>
    Wait,

    /// <summary>The marker vanished between two calls (its fetch ended): look at the answer again without pausing.</summary>
    Again,

    /// <summary>This caller fetches.</summary>
    Elected,

    /// <summary>The last fetch failed within the failure lifetime: report it rather than ask the billing API again.</summary>
    Failed,
}
