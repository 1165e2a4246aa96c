using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Sweeps;

/// <summary>Lower-case wire words for plan enums, shared by the audit log and the CLI's JSON.</summary>
public static class PlanWords
{
    public static string Cloud(CloudKind cloud) => cloud == CloudKind.Aws ? "aws" : "azure";

    public static string Mode(PolicyMode mode) => mode == PolicyMode.Enforce ? "enforce" : "dry-run";

    public static string Action(ActionKind action) => action switch
    {
        ActionKind.Stop => "stop",
        ActionKind.Terminate => "terminate",
        ActionKind.Tag => "tag",
        _ => "untag",
    };

    public static string Reason(ActionReason reason) => reason switch
    {
        ActionReason.MonthlyCap => "monthly-cap",
        ActionReason.BurnCap => "burn-cap",
        ActionReason.Orphan => "orphan",
        _ => "idle",
    };

    public static string Alert(AlertKind kind) => kind switch
    {
        AlertKind.CapWarning => "cap-warning",
        AlertKind.CapBreach => "cap-breach",
        AlertKind.BurnCap => "burn-cap",
        AlertKind.Anomaly => "anomaly",
        AlertKind.ExemptionInvalid => "exemption-invalid",
        AlertKind.ActionLimit => "action-limit",
        _ => "guard-failure",
    };
}
