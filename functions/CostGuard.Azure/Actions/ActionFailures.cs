using Azure;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

/// <summary>Maps ARM failures to outcomes: 404 NotFound, 403 Denied, a failed long-running operation (status 200) Failed.</summary>
internal static class ActionFailures
{
    public static (ActionStatus Status, string Error) Classify(RequestFailedException ex)
    {
        var code = string.IsNullOrEmpty(ex.ErrorCode) ? null : ex.ErrorCode;
        if (ex.Status == 404)
        {
            return (ActionStatus.NotFound, $"VM not found (deleted since it was listed): {code ?? "ResourceNotFound"}");
        }

        if (ex.Status == 403 || string.Equals(code, "AuthorizationFailed", StringComparison.OrdinalIgnoreCase))
        {
            return (ActionStatus.Denied, $"Azure denied the action ({code ?? "HTTP 403"}); grant the guard's identity Virtual Machine Contributor on the VM's scope");
        }

        // Azure.Core reports a long-running operation that ended Failed as status 200: the code is the operation's.
        return ex.Status == 200
            ? (ActionStatus.Failed, $"operation failed: {code ?? "unknown error"}: {FirstLine(ex.Message)}")
            : (ActionStatus.Failed, $"HTTP {ex.Status} {code}: {FirstLine(ex.Message)}");
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}
