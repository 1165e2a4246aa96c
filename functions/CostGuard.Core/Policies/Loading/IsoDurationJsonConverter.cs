using System.Text.Json;
using System.Text.Json.Serialization;
using CostGuard.Time;

namespace CostGuard.Policies.Loading;

/// <summary>Reads and writes <see cref="TimeSpan"/> as an ISO-8601 duration (<c>PT30M</c>, <c>P7D</c>).</summary>
internal sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (!IsoDuration.TryParse(text, out var value, out var error))
        {
            throw new JsonException($"not an ISO-8601 duration: {error}");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoDuration.Format(value));
}
