namespace CostGuard.Ports;

/// <summary>
/// Which audit records are "actions" in the sense of the status page's action table: what was done or decided about an
/// instance (outcomes, dry-run plans, deferrals), not the intent written before a call (its outcome follows) and not alerts.
/// Both stores index exactly these records for <see cref="IAuditLog.ReadLatestActionsAsync"/>.
/// </summary>
public static class AuditActions
{
    /// <summary>The <see cref="AuditRecord.Action"/> of an alert record.</summary>
    public const string Alert = "alert";

    public static bool Includes(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Kind != AuditKinds.Intent && record.Action != Alert;
    }
}
