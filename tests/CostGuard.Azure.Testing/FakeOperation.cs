namespace CostGuard.Azure.Fakes;

/// <summary>A long-running ARM operation in flight in the fake.</summary>
internal sealed class FakeOperation
{
    public required FakeVm Vm { get; init; }

    /// <summary>deallocate or delete.</summary>
    public required string Kind { get; init; }

    public int PollsLeft { get; set; }

    /// <summary>Error code the operation ends with; null succeeds.</summary>
    public string? FailWith { get; init; }
}
