namespace CostGuard.Functions.Launches;

/// <summary>The <c>costguard-events</c> queue, as the intake writes to it.</summary>
public interface IEventQueue
{
    Task EnqueueAsync(string body, CancellationToken cancellationToken);
}
