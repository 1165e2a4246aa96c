using System.Text.Json;
using System.Text.Json.Serialization;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Cli.Simulation;

/// <summary>
/// The one place <c>simulate</c> loads its policy. Interim: a plain mapping of policy JSON onto the Core
/// records, until the validating PolicyLoader lands on main and replaces the body of <see cref="LoadAsync"/>.
/// </summary>
internal static class SimulationPolicyFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false), new DurationConverter() },
    };

    /// <summary>Loads a policy; on failure returns null and the errors, each naming the file.</summary>
    public static async Task<(Policy? Policy, IReadOnlyList<string> Errors)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                var policy = await JsonSerializer.DeserializeAsync<Policy>(stream, Options, cancellationToken).ConfigureAwait(false);
                return policy is null ? (null, [$"{path}: the policy is null"]) : (policy, []);
            }
        }
        catch (JsonException ex)
        {
            return (null, [$"{path}:{(ex.LineNumber ?? 0) + 1}: {ex.Path}: {ex.Message}"]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path}: cannot read the policy file: {ex.Message}"]);
        }
    }

    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return IsoDuration.TryParse(text, out var value, out var error) ? value : throw new JsonException($"'{text}': {error}");
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(IsoDuration.Format(value));
    }
}
