namespace CostGuard.Ports;

/// <summary>Per-destination results of one delivery run.</summary>
public sealed record DeliveryReport(IReadOnlyList<DeliveryResult> Results)
{
    public bool AllSucceeded => Results.All(r => r.Succeeded);
}
