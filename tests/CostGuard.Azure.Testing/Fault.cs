using System.Net;

namespace CostGuard.Azure.Fakes;

/// <summary>An injected failure: the next <see cref="Times"/> requests matching <see cref="Matches"/> get this answer.</summary>
internal sealed class Fault
{
    public required Func<HttpRequestMessage, bool> Matches { get; init; }

    public required HttpStatusCode Status { get; init; }

    /// <summary>Payload file under Payloads/ for the body; null sends none.</summary>
    public string? BodyFile { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How many matching requests fail; int.MaxValue for always.</summary>
    public int Times { get; set; } = 1;
}
