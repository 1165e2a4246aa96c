namespace CostGuard.Launches;

/// <summary>A launch could not be judged safely (the instance or the account could not be read): retry the event.</summary>
public sealed class LaunchProcessingException : Exception
{
    public LaunchProcessingException()
    {
    }

    public LaunchProcessingException(string message)
        : base(message)
    {
    }

    public LaunchProcessingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
