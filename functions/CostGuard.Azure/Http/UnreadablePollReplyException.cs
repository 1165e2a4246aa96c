namespace CostGuard.Azure.Http;

/// <summary>A poll of a long-running operation answered without a readable status: the operation's state is unknown, not failed.</summary>
internal sealed class UnreadablePollReplyException(string message) : Exception(message)
{
}
