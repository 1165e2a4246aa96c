using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostGuard.Fanout;

/// <summary>
/// One (policy, account) sweep on the <c>costguard-sweeps</c> queue. The sweep id is the idempotency key of the
/// whole fan-out; the policy hash names the exact policy version the scheduler saw, so a message that waits in the
/// queue across a policy upload is still evaluated with the version it was scheduled for.
/// </summary>
public sealed record SweepMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    /// <summary><c>policy@2026-12-06T10:05:00Z</c> (see <see cref="Ports.SweepIds"/>).</summary>
    public required string SweepId { get; init; }

    public required string Policy { get; init; }

    /// <summary>Content hash of the policy blob the scheduler loaded (see <see cref="PolicyHash"/>).</summary>
    public required string PolicyHash { get; init; }

    /// <summary><c>aws</c> or <c>azure</c>.</summary>
    public required string Cloud { get; init; }

    public required string Account { get; init; }

    /// <summary>How often the message went back to the queue because the account was locked.</summary>
    public int Requeues { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a queue message; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static SweepMessage Parse(string text)
    {
        SweepMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<SweepMessage>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"sweep message is not valid JSON: {ex.Message}", ex);
        }

        if (message is null || string.IsNullOrWhiteSpace(message.SweepId) || string.IsNullOrWhiteSpace(message.Policy)
            || string.IsNullOrWhiteSpace(message.PolicyHash) || string.IsNullOrWhiteSpace(message.Cloud) || string.IsNullOrWhiteSpace(message.Account))
        {
            throw new FormatException("sweep message lacks one of sweepId, policy, policyHash, cloud, account");
        }

        return message;
    }
}
