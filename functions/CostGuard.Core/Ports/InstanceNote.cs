namespace CostGuard.Ports;

/// <summary>Something worth telling a person about one instance, e.g. "no GPU metrics" or "unknown price".</summary>
public sealed record InstanceNote(string InstanceId, string Note);
