using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>A stop at launch needs a rule to break: without required tags no launch is ever untagged.</summary>
internal static class OrphanChecks
{
    public static void Check(JsonObject policy, List<JsonIssue> issues)
    {
        if (JsonRead.Object(policy["orphans"]) is not { } orphans
            || orphans["atLaunch"] is not JsonValue atLaunch
            || !atLaunch.TryGetValue<string>(out var value)
            || value != "stop")
        {
            return;
        }

        if (orphans["requiredTags"] is not JsonArray { Count: > 0 })
        {
            issues.Add(new JsonIssue(
                "/orphans/atLaunch",
                "atLaunch \"stop\" needs at least one tag in orphans.requiredTags: without required tags no launch is untagged, so nothing would ever be stopped"));
        }
    }
}
