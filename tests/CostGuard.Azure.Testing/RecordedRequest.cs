namespace CostGuard.Azure.Fakes;

/// <summary>One request the fake received.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, string? Body, string? Authorization);
