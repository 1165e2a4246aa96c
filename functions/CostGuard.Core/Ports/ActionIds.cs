using System.Security.Cryptography;
using System.Text;
using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Ports;

/// <summary>
/// Deterministic action ids: the same (policy, sweep, cloud, account, instance, action) always gives the same id, so
/// a rerun of a sweep (a retried queue message, a restarted CLI) finds the intents it already wrote instead of
/// writing and acting again. Stores use the id (with the record kind) as the audit row's unique key.
/// </summary>
public static class ActionIds
{
    /// <param name="sweepId">The sweep's id: the policy name and the sweep's due time (see <see cref="SweepIds"/>).</param>
    public static string For(string policy, string sweepId, CloudKind cloud, string account, string instanceId, ActionKind action)
    {
        var text = string.Join('\n', policy, sweepId, cloud.ToString(), account.ToUpperInvariant(), instanceId, action.ToString());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
