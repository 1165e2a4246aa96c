using System.Text.Json;
using System.Text.Json.Serialization;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Cli.Composition;

/// <summary>
/// Reads a policy file for the live verbs. Stand-in until the policy loader (branch <c>policy</c>) is on
/// main: same JSON mapping (camelCase, kebab-case enums, ISO durations) but no schema validation.
/// </summary>
internal static class PolicySource
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static async Task<(Policy? Policy, IReadOnlyList<string> Errors)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var policy = await JsonSerializer.DeserializeAsync<Policy>(stream, Options, cancellationToken).ConfigureAwait(false);
            return policy is null ? (null, [$"{path}: the policy is empty"]) : (policy, []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return (null, [$"{path}: {ex.Message}"]);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new DurationConverter());
        return options;
    }

    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IsoDuration.TryParse(reader.GetString(), out var value, out var error) ? value : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(IsoDuration.Format(value));
    }
}
