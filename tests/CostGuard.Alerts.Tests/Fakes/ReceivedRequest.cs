namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>One request the loopback webhook server received.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, string Body);
