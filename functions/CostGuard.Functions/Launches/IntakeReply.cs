using System.Net;

namespace CostGuard.Functions.Launches;

/// <summary>What the EventBridge intake answers: a status and a small JSON body that never echoes a header or the key.</summary>
public sealed record IntakeReply(HttpStatusCode Status, string Outcome, string? Reason = null, string? Field = null, string? Error = null);
