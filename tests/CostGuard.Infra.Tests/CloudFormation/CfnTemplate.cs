using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CostGuard.Infra.CloudFormation;

/// <summary>
/// A CloudFormation JSON template resolved for one set of parameter values, the way CloudFormation would:
/// conditions evaluated, resources whose condition is false dropped, Ref/Fn::Sub/Fn::If/Fn::Join resolved,
/// AWS::NoValue removed. Fn::GetAtt becomes <c>getatt:Resource.Attribute</c>. Enough to read the IAM it creates.
/// </summary>
internal sealed partial class CfnTemplate
{
    public const string AccountId = "123456789012";

    private static readonly JsonNode NoValue = JsonValue.Create("\u0000novalue")!;

    private readonly JsonObject _template;
    private readonly Dictionary<string, JsonNode?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);

    public CfnTemplate(string path, IReadOnlyDictionary<string, string> parameters)
    {
        _template = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (var (name, declaration) in _template["Parameters"]?.AsObject() ?? [])
        {
            if (!parameters.TryGetValue(name, out var value))
            {
                value = declaration!["Default"]?.ToString() ?? throw new ArgumentException($"parameter {name} has no default and no value");
            }

            var allowed = declaration!["AllowedValues"]?.AsArray().Select(v => v!.ToString()).ToList();
            if (allowed is not null && !allowed.Contains(value))
            {
                throw new ArgumentException($"parameter {name}: '{value}' is not one of {string.Join(", ", allowed)}");
            }

            if (declaration["AllowedPattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(value, pattern))
            {
                throw new ArgumentException($"parameter {name}: '{value}' does not match {pattern}");
            }

            _parameters[name] = declaration["Type"]!.GetValue<string>() == "CommaDelimitedList"
                ? new JsonArray(value.Split(',').Select(v => (JsonNode?)JsonValue.Create(v.Trim())).ToArray())
                : JsonValue.Create(value);
        }

        var unknown = parameters.Keys.Where(k => !_parameters.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown parameters: {string.Join(", ", unknown)}");
        }

        foreach (var name in _template["Conditions"]?.AsObject().Select(p => p.Key) ?? [])
        {
            _conditions[name] = Condition(name);
        }
    }

    public JsonObject Raw => _template;

    /// <summary>The resources CloudFormation would create, by logical id, with every intrinsic resolved.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources =>
        _template["Resources"]!.AsObject()
            .Where(r => r.Value!["Condition"] is null || _conditions[r.Value["Condition"]!.GetValue<string>()])
            .ToDictionary(r => r.Key, r => Resolve(r.Value)!.AsObject(), StringComparer.Ordinal);

    public bool IsTrue(string condition) => _conditions[condition];

    public static Dictionary<string, string> ReadParameterFile(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .ToDictionary(p => p!["ParameterKey"]!.GetValue<string>(), p => p!["ParameterValue"]!.GetValue<string>(), StringComparer.Ordinal);

    public JsonNode? Resolve(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(Resolve).Where(n => !ReferenceEquals(n, NoValue)).ToArray());
            case JsonObject obj when obj.Count == 1 && obj.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal)):
                return Intrinsic(key, obj[key]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    var resolved = Resolve(value);
                    if (!ReferenceEquals(resolved, NoValue))
                    {
                        result[name] = resolved;
                    }
                }

                return result;
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? Intrinsic(string function, JsonNode? argument)
    {
        switch (function)
        {
            case "Ref":
                return Reference(argument!.GetValue<string>());
            case "Fn::If":
                var args = argument!.AsArray();
                return Resolve(_conditions[args[0]!.GetValue<string>()] ? args[1] : args[2]);
            case "Fn::Sub":
                return JsonValue.Create(Substitute(argument!));
            case "Fn::Join":
                var join = argument!.AsArray();
                return JsonValue.Create(string.Join(join[0]!.GetValue<string>(), Resolve(join[1])!.AsArray().Select(v => v!.ToString())));
            case "Fn::GetAtt":
                var attribute = argument!.AsArray();
                return JsonValue.Create($"getatt:{attribute[0]}.{attribute[1]}");
            default:
                throw new NotSupportedException($"{function} is not resolved by this test");
        }
    }

    private JsonNode? Reference(string name) => name switch
    {
        "AWS::NoValue" => NoValue,
        "AWS::Partition" => JsonValue.Create("aws"),
        "AWS::AccountId" => JsonValue.Create(AccountId),
        "AWS::Region" => JsonValue.Create("us-east-1"),
        _ when _parameters.TryGetValue(name, out var value) => value?.DeepClone(),
        _ when _template["Resources"]!.AsObject().ContainsKey(name) => JsonValue.Create($"ref:{name}"),
        _ => throw new KeyNotFoundException($"Ref to unknown name {name}"),
    };

    private string Substitute(JsonNode argument)
    {
        var (text, variables) = argument is JsonArray pair
            ? (pair[0]!.GetValue<string>(), pair[1]!.AsObject().ToDictionary(p => p.Key, p => Resolve(p.Value)!.ToString(), StringComparer.Ordinal))
            : (argument.GetValue<string>(), new Dictionary<string, string>(StringComparer.Ordinal));
        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }

            if (variables.TryGetValue(name, out var variable))
            {
                return variable;
            }

            return name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? $"getatt:{name}"
                : Reference(name)!.ToString();
        });
    }

    private bool Condition(string name) => Evaluate(_template["Conditions"]![name]!);

    private bool Evaluate(JsonNode node)
    {
        var (function, argument) = node.AsObject().Single();
        return function switch
        {
            "Condition" => Condition(argument!.GetValue<string>()),
            "Fn::Equals" => Resolve(argument![0])!.ToString() == Resolve(argument[1])!.ToString(),
            "Fn::Not" => !Evaluate(argument![0]!),
            "Fn::And" => argument!.AsArray().All(a => Evaluate(a!)),
            "Fn::Or" => argument!.AsArray().Any(a => Evaluate(a!)),
            _ => throw new NotSupportedException($"condition function {function}"),
        };
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
