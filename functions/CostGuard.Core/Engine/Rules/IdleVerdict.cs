namespace CostGuard.Engine.Rules;

/// <summary>What the idle rule concluded about one instance's trailing window.</summary>
internal enum IdleVerdict
{
    /// <summary>Some sample in the window shows work (or missing data counts as active).</summary>
    Active,

    /// <summary>Every sample in the window is below the thresholds.</summary>
    Idle,

    /// <summary>Idle only because data is missing somewhere in the window (fail closed).</summary>
    IdleWithMissingData,

    /// <summary>Idle only because there is no data at all in the window (fail closed).</summary>
    NoData,
}
