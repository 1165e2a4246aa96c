using System.Text.Json.Nodes;

namespace CostGuard.Infra.CloudFormation;

/// <summary>One IAM policy statement a template creates, and which resource/policy it came from.</summary>
internal sealed record IamStatement(string Source, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, JsonObject? Condition, JsonNode? Principal)
{
    /// <summary>Read-only by AWS's naming: Describe*, Get*, List*.</summary>
    public static bool IsReadOnly(string action)
    {
        var verb = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return verb.StartsWith("Describe", StringComparison.Ordinal) || verb.StartsWith("Get", StringComparison.Ordinal) || verb.StartsWith("List", StringComparison.Ordinal);
    }

    /// <summary>Every statement of every IAM, SQS and EventBridge policy the resolved template creates.</summary>
    public static List<IamStatement> All(CfnTemplate template)
    {
        var statements = new List<IamStatement>();
        foreach (var (id, resource) in template.Resources)
        {
            var properties = resource["Properties"]?.AsObject();
            switch (resource["Type"]!.GetValue<string>())
            {
                case "AWS::IAM::Role":
                    Add(statements, $"{id} trust", Document(properties!["AssumeRolePolicyDocument"]));
                    foreach (var policy in properties["Policies"]?.AsArray() ?? [])
                    {
                        Add(statements, $"{id}/{policy!["PolicyName"]}", policy["PolicyDocument"]);
                    }

                    break;
                case "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::SQS::QueuePolicy":
                    Add(statements, id, properties!["PolicyDocument"]);
                    break;
                case "AWS::Events::EventBusPolicy":
                    Add(statements, id, new JsonObject { ["Statement"] = new JsonArray(properties!["Statement"]!.DeepClone()) });
                    break;
            }
        }

        return statements;
    }

    /// <summary>Trust policies written as Fn::Sub strings (their condition keys hold the issuer) are JSON text.</summary>
    private static JsonNode? Document(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? JsonNode.Parse(text) : node;

    private static void Add(List<IamStatement> statements, string source, JsonNode? document)
    {
        foreach (var statement in document!["Statement"]!.AsArray())
        {
            statements.Add(new IamStatement(
                source,
                statement!["Effect"]!.GetValue<string>(),
                Strings(statement["Action"]),
                Strings(statement["Resource"]),
                statement["Condition"]?.AsObject(),
                statement["Principal"]));
        }
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(a => a!.GetValue<string>()).ToList(),
        _ => [node.GetValue<string>()],
    };
}
