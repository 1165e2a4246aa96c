using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>The anomaly rule cannot require more baseline days than its baseline holds.</summary>
internal static class AnomalyChecks
{
    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        if (JsonRead.Object(policy["anomaly"]) is not { } anomaly)
        {
            return;
        }

        var defaults = new AnomalyRule();
        var baseline = JsonRead.Number(anomaly["baselineDays"]) ?? defaults.BaselineDays;
        var minimum = JsonRead.Number(anomaly["minBaselineDays"]) ?? defaults.MinBaselineDays;
        if (minimum > baseline)
        {
            var pointer = anomaly.ContainsKey("minBaselineDays") ? "/anomaly/minBaselineDays" : "/anomaly/baselineDays";
            issues.Add(new JsonIssue(pointer, $"minBaselineDays ({minimum}) must not exceed baselineDays ({baseline}): the rule could never have enough days"));
        }
    }
}
