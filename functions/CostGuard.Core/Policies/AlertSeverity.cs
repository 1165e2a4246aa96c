namespace CostGuard.Policies;

/// <summary>How urgently a person should look at an alert.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
