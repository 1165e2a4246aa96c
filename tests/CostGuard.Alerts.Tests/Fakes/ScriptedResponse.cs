namespace CostGuard.Alerts.Tests.Fakes;

/// <summary>An answer the loopback server gives, as Slack or Teams Workflows would (CLOUD-WIRE-FORMATS section 9).</summary>
internal sealed record ScriptedResponse(int Status, string Body = "", string? RetryAfter = null)
{
    /// <summary>When set, the server holds the answer until this completes (a hung webhook).</summary>
    public Task? Hold { get; init; }

    public static ScriptedResponse SlackOk { get; } = new(200, "ok");

    public static ScriptedResponse TeamsAccepted { get; } = new(202);

    public static ScriptedResponse SlackRateLimited(string retryAfter) => new(429, "rate_limited", retryAfter);
}
