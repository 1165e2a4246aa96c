using System.Text.Json.Nodes;
using CostGuard.Json;

namespace CostGuard.Policies.Loading;

/// <summary>
/// Rejects any URL written in a policy: policies live in source control, and a webhook URL is a credential.
/// Only the top-level <c>$schema</c> may be a URL (it names the schema, not a secret).
/// </summary>
internal static class UrlChecks
{
    public const string Advice = "put the URL in a setting (environment variable / Key Vault reference) and name the setting in webhookUrlSetting";

    public static void Check(JsonNode? root, List<JsonIssue> issues) => Visit(root, string.Empty, issues);

    private static void Visit(JsonNode? node, string pointer, List<JsonIssue> issues)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPointer = JsonPointers.Append(pointer, name);
                    if (pointer.Length == 0 && name == "$schema")
                    {
                        continue;
                    }

                    if (UrlRedactor.ContainsUrl(name))
                    {
                        issues.Add(new JsonIssue(childPointer, Message(name), AtName: true));
                    }

                    Visit(child, childPointer, issues);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], JsonPointers.Append(pointer, i), issues);
                }

                break;
            default:
                if (JsonRead.String(node) is { } text && UrlRedactor.ContainsUrl(text))
                {
                    issues.Add(new JsonIssue(pointer, Message(text)));
                }

                break;
        }
    }

    private static string Message(string text) =>
        $"{UrlRedactor.Describe(text)} (redacted) is not allowed in a policy, which lives in source control: {Advice}";
}
