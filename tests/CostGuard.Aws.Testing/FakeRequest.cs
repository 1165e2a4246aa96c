namespace CostGuard.Aws.Testing;

/// <summary>One request the fake received: which service/operation, signed for which region, with which key.</summary>
public sealed record FakeRequest(string Service, string Operation, string SigningRegion, string AccessKey, string Body, string? SecurityToken);
