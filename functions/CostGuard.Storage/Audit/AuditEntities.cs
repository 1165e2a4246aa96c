using Azure.Data.Tables;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Audit;

/// <summary>An <see cref="AuditRecord"/> as a table entity: the same properties in every audit table, only the keys differ.</summary>
internal static class AuditEntities
{
    public static TableEntity ToEntity(AuditRecord r, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Time"] = StorageTimes.Format(r.Time),
        ["Policy"] = r.Policy,
        ["Cloud"] = r.Cloud,
        ["Account"] = r.Account,
        ["Region"] = r.Region,
        ["Instance"] = r.Instance,
        ["Action"] = r.Action,
        ["Reason"] = r.Reason,
        ["Mode"] = r.Mode,
        ["Outcome"] = r.Outcome,
        ["Detail"] = r.Detail,
        ["Kind"] = r.Kind,
        ["ActionId"] = r.ActionId,
        ["SweepId"] = r.SweepId,
    };

    public static AuditRecord ToRecord(TableEntity e) => new()
    {
        Time = StorageTimes.Parse(e.GetString("Time")),
        Policy = e.GetString("Policy") ?? "",
        Cloud = e.GetString("Cloud") ?? "",
        Account = e.GetString("Account") ?? "",
        Region = e.GetString("Region"),
        Instance = e.GetString("Instance"),
        Action = e.GetString("Action") ?? "",
        Reason = e.GetString("Reason") ?? "",
        Mode = e.GetString("Mode") ?? "",
        Outcome = e.GetString("Outcome") ?? "",
        Detail = e.GetString("Detail"),
        Kind = e.GetString("Kind") ?? AuditKinds.Decision,
        ActionId = e.GetString("ActionId"),
        SweepId = e.GetString("SweepId"),
    };
}
