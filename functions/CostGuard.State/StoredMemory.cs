using System.Text.Json;
using CostGuard.Engine;
using CostGuard.Fleet;

namespace CostGuard.State;

/// <summary>The JSON form of <see cref="GuardMemory"/> as stored per policy.</summary>
internal sealed record StoredMemory
{
    public Dictionary<string, DateTimeOffset> RaisedAlerts { get; init; } = [];

    public List<string> AccountsOverBurnCap { get; init; } = [];

    public static string ToJson(GuardMemory memory) => JsonSerializer.Serialize(new StoredMemory
    {
        RaisedAlerts = memory.RaisedAlerts.ToDictionary(p => p.Key, p => p.Value),
        AccountsOverBurnCap = memory.AccountsOverBurnCap.Order(StringComparer.Ordinal).ToList(),
    });

    public static GuardMemory FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredMemory>(json) ?? new StoredMemory();
        return new GuardMemory
        {
            RaisedAlerts = stored.RaisedAlerts,
            AccountsOverBurnCap = stored.AccountsOverBurnCap.ToHashSet(StringComparer.Ordinal),
        };
    }
}
