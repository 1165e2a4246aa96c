namespace CostGuard.Azure.Http;

/// <summary>A thin-client call that Azure answered with an error (after retries); the message names the call and the code.</summary>
internal sealed class AzureCallException(string message) : Exception(message)
{
}
