using CostGuard.Fleet;

namespace CostGuard.Storage.Memory;

/// <summary>The JSON form of <see cref="GuardMemory"/> (the same shape the SQLite store keeps).</summary>
internal sealed record MemoryJson
{
    public Dictionary<string, DateTimeOffset> RaisedAlerts { get; init; } = [];

    public List<string> AccountsOverBurnCap { get; init; } = [];

    public static BinaryData Serialize(GuardMemory memory) => BinaryData.FromObjectAsJson(new MemoryJson
    {
        RaisedAlerts = memory.RaisedAlerts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        AccountsOverBurnCap = memory.AccountsOverBurnCap.Order(StringComparer.Ordinal).ToList(),
    });

    public static GuardMemory Deserialize(BinaryData json)
    {
        var stored = json.ToObjectFromJson<MemoryJson>() ?? new MemoryJson();
        return new GuardMemory
        {
            RaisedAlerts = stored.RaisedAlerts,
            AccountsOverBurnCap = stored.AccountsOverBurnCap.ToHashSet(StringComparer.Ordinal),
        };
    }
}
