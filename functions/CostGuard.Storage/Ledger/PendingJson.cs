using CostGuard.Ports;

namespace CostGuard.Storage.Ledger;

/// <summary>The stored form of a <see cref="PendingDelivery"/> (mutable for the serializer, mapped both ways).</summary>
internal sealed class PendingJson
{
    public string Id { get; set; } = "";

    public string? Policy { get; set; }

    public string Route { get; set; } = "";

    public string Channel { get; set; } = "";

    public string PayloadJson { get; set; } = "";

    public List<string> DedupKeys { get; set; } = [];

    public int Attempts { get; set; }

    public DateTimeOffset FirstFailedAt { get; set; }

    public string? LastError { get; set; }

    public static PendingJson From(PendingDelivery d) => new()
    {
        Id = d.Id, Policy = d.Policy, Route = d.Route, Channel = d.Channel, PayloadJson = d.PayloadJson,
        DedupKeys = [.. d.DedupKeys], Attempts = d.Attempts, FirstFailedAt = d.FirstFailedAt, LastError = d.LastError,
    };

    public PendingDelivery ToDelivery() => new()
    {
        Id = Id, Policy = Policy, Route = Route, Channel = Channel, PayloadJson = PayloadJson,
        DedupKeys = DedupKeys, Attempts = Attempts, FirstFailedAt = FirstFailedAt, LastError = LastError,
    };
}
