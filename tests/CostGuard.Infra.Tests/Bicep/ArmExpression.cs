using System.Text.Json.Nodes;

namespace CostGuard.Infra.Bicep;

/// <summary>
/// Evaluates the few ARM template expressions the compiled custom role uses (parameters, variables, if,
/// createArray, concat, equals, not, empty), so the role's actions can be checked per parameter value.
/// Any other function is refused: the test then fails instead of guessing.
/// </summary>
internal sealed class ArmExpression(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameters)
{
    private string _text = string.Empty;
    private int _at;

    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) && s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal) => Parse(s[1..^1]),
        JsonArray array => new JsonArray(array.Select(item => Evaluate(item)).ToArray()),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value)))),
        _ => node?.DeepClone(),
    };

    private JsonNode? Parse(string text)
    {
        // variables() evaluates another expression in the middle of this one: keep this one's position.
        var saved = (_text, _at);
        (_text, _at) = (text, 0);
        try
        {
            var result = Expression();
            Skip();
            return _at == _text.Length ? result : throw new NotSupportedException($"unexpected text at {_at} in [{text}]");
        }
        finally
        {
            (_text, _at) = saved;
        }
    }

    private JsonNode? Expression()
    {
        Skip();
        if (_text[_at] == '\'')
        {
            var end = _text.IndexOf('\'', _at + 1);
            var literal = _text[(_at + 1)..end];
            _at = end + 1;
            return JsonValue.Create(literal);
        }

        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        var name = _text[start.._at];
        if (name is "true" or "false")
        {
            return JsonValue.Create(name == "true");
        }

        Expect('(');
        var args = new List<JsonNode?>();
        Skip();
        if (_text[_at] != ')')
        {
            do
            {
                args.Add(Expression());
                Skip();
            }
            while (TryTake(','));
        }

        Expect(')');
        return Call(name, args);
    }

    private JsonNode? Call(string name, List<JsonNode?> args) => name switch
    {
        "parameters" => Parameter(args[0]!.GetValue<string>()),
        "variables" => Evaluate(template["variables"]![args[0]!.GetValue<string>()]),
        "if" => args[0]!.GetValue<bool>() ? args[1]?.DeepClone() : args[2]?.DeepClone(),
        "createArray" => new JsonArray(args.Select(a => a?.DeepClone()).ToArray()),
        "concat" => new JsonArray(args.SelectMany(a => a!.AsArray()).Select(a => a?.DeepClone()).ToArray()),
        "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
        "not" => JsonValue.Create(!args[0]!.GetValue<bool>()),
        "empty" => JsonValue.Create(args[0] is JsonArray { Count: 0 } || (args[0] is JsonValue v && v.ToString().Length == 0)),
        _ => throw new NotSupportedException($"ARM function {name}() is not evaluated by this test"),
    };

    private JsonNode? Parameter(string name) =>
        parameters.TryGetValue(name, out var value)
            ? value?.DeepClone()
            : template["parameters"]![name]!["defaultValue"]?.DeepClone();

    private void Skip()
    {
        while (_at < _text.Length && _text[_at] == ' ')
        {
            _at++;
        }
    }

    private bool TryTake(char c)
    {
        Skip();
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw new NotSupportedException($"expected '{c}' at {_at} in [{_text}]");
        }
    }
}
