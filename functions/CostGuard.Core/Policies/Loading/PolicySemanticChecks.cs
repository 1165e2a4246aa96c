using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>
/// The checks a JSON Schema cannot express: id shapes per cloud, duration limits and orderings, references
/// between sections, and secrets written inline. Each check reports every problem it finds.
/// </summary>
internal static class PolicySemanticChecks
{
    public static IReadOnlyList<JsonIssue> Check(JsonNode? root)
    {
        var issues = new List<JsonIssue>();
        UrlChecks.Check(root, issues);
        if (root is JsonObject policy)
        {
            DurationChecks.Check(policy, issues);
            AccountChecks.Check(policy, issues);
            SpendCapChecks.Check(policy, issues);
            OrphanChecks.Check(policy, issues);
            AnomalyChecks.Check(policy, issues);
            AlertChecks.Check(policy, issues);
        }

        return issues;
    }
}
