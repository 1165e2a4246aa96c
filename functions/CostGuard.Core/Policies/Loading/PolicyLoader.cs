using System.Text.Json;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>
/// Loads policy language v1: accepts comments and trailing commas, validates against the published schema
/// and the semantic rules, and reports every error at once with file, JSON path, line and column.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Reads and validates a policy file; an unreadable file is reported as an error, not thrown.</summary>
    public static async Task<PolicyLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var (bounded, tooLarge) = await BoundedFile.ReadAsync(path, BoundedFile.PolicyLimit, "policy", cancellationToken).ConfigureAwait(false);
            if (bounded is null)
            {
                return new PolicyLoadResult { Errors = [new PolicyError(path, "$", 0, 0, tooLarge!)] };
            }

            text = bounded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new PolicyLoadResult { Errors = [new PolicyError(path, "$", 0, 0, $"cannot read the policy file: {ex.Message}")] };
        }

        return Load(text, path);
    }

    /// <summary>Validates policy JSON; <paramref name="displayName"/> is the file name errors carry.</summary>
    public static PolicyLoadResult Load(string json, string displayName)
    {
        var source = JsonSource.Parse(json);
        if (source.Root is null && source.Issues.Count > 0)
        {
            return new PolicyLoadResult { Errors = ToErrors(source, source.Issues, displayName) };
        }

        var semantic = PolicySemanticChecks.Check(source.Root);

        // Where the reader or a semantic check and the schema flag the same value, theirs is the clearer message.
        var clearer = source.Issues.Concat(semantic).ToList();
        var schema = SchemaIssues(source.Root).Where(i => !clearer.Any(c => c.Covers(i)));
        var issues = clearer.Concat(schema).ToList();
        if (issues.Count > 0)
        {
            return new PolicyLoadResult { Errors = ToErrors(source, issues, displayName) };
        }

        try
        {
            var policy = source.Root.Deserialize<Policy>(PolicyJson.Options)
                ?? throw new JsonException("the policy is null");
            return new PolicyLoadResult { Policy = policy };
        }
        catch (JsonException ex)
        {
            // The checks above should make this unreachable; if they missed something, still say where.
            var pointer = "/" + (ex.Path ?? "$").TrimStart('$', '.').Replace('.', '/');
            return new PolicyLoadResult { Errors = ToErrors(source, [new JsonIssue(pointer == "/" ? string.Empty : pointer, ex.Message)], displayName) };
        }
    }

    private static IReadOnlyList<JsonIssue> SchemaIssues(System.Text.Json.Nodes.JsonNode? root)
    {
        try
        {
            return SchemaErrorTranslator.Translate(PolicySchema.Evaluate(root), root);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A validator bug must not turn a bad policy into a crash; the semantic errors above still stand.
            return [new JsonIssue(string.Empty, $"the schema validator failed on this document ({ex.GetType().Name}: {ex.Message}); fix the errors reported with it and retry")];
        }
    }

    private static List<PolicyError> ToErrors(JsonSource source, IEnumerable<JsonIssue> issues, string file)
    {
        return issues
            .Select(issue =>
            {
                var position = issue.Position ?? source.PositionOf(issue.Pointer, issue.AtName);
                return new PolicyError(
                    file,
                    JsonPathText.Format(source.Root, issue.Pointer),
                    position.Line,
                    position.Column,
                    UrlRedactor.Redact(issue.Message));
            })
            .Distinct()
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToList();
    }
}
