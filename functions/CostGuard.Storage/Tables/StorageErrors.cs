using Azure;

namespace CostGuard.Storage.Tables;

/// <summary>The storage answers that mean "somebody else got there first" rather than a failure.</summary>
internal static class StorageErrors
{
    public static bool IsConflict(RequestFailedException ex) => ex.Status is 409;

    public static bool IsPreconditionFailed(RequestFailedException ex) => ex.Status is 412;

    public static bool IsNotFound(RequestFailedException ex) => ex.Status is 404;

    /// <summary>Conflict or lost optimistic race: re-read and try again.</summary>
    public static bool IsRace(RequestFailedException ex) => ex.Status is 409 or 412;
}
