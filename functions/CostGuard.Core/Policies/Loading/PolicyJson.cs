using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostGuard.Policies.Loading;

/// <summary>How validated policy JSON maps onto the policy records: camelCase fields, kebab-case enums, ISO durations.</summary>
internal static class PolicyJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new IsoDurationJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
