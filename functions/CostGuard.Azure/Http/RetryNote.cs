using Azure.Core;

namespace CostGuard.Azure.Http;

/// <summary>Why a retryable reply was not retried (a wait over the cap, the sweep deadline), kept on the message for error texts.</summary>
internal static class RetryNote
{
    private const string Key = "costguard.retry-note";

    public static void Set(HttpMessage message, string note) => message.SetProperty(Key, note);

    public static string? Get(HttpMessage message) => message.TryGetProperty(Key, out var note) ? note as string : null;
}
