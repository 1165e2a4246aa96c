using System.Text.Json;
using System.Text.Json.Serialization;
using CostGuard.Ports;

namespace CostGuard.Launches;

/// <summary>The stored form of a burn ledger, shared by the SQLite and Table Storage ledgers so both read each other's rows.</summary>
public static class BurnLedgerJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string Write(BurnLedgerState ledger) => JsonSerializer.Serialize(ledger, Options);

    /// <summary>Reads a stored ledger; a row that does not parse is reported, never guessed at.</summary>
    public static BurnLedgerState Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BurnLedgerState>(json, Options) ?? throw new InvalidDataException("the stored burn ledger is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the stored burn ledger is not readable: {ex.Message}", ex);
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
