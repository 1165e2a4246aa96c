namespace CostGuard.Engine.Rules;

/// <summary>Whether an instance's exemption tag protects it from stops and terminations right now.</summary>
internal enum ExemptionStatus
{
    None,
    Exempt,
    Expired,
    Invalid,
}
