using System.Security.Cryptography;
using System.Text;
using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>
/// Ids for a sweep's audit records, so that a rerun of the same sweep appends nothing twice: actions use
/// <see cref="ActionIds"/>; alerts and other decisions hash the sweep id with what they are about.
/// </summary>
internal static class SweepRecordIds
{
    public static string Action(string policy, string sweepId, PlannedAction action) =>
        ActionIds.For(policy, sweepId, action.Instance.Cloud, action.Instance.Account, action.Instance.Id, action.Action);

    public static string Alert(string sweepId, PlannedAlert alert)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sweepId, "alert", alert.DedupKey)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
