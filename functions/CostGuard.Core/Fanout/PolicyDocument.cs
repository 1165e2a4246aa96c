namespace CostGuard.Fanout;

/// <summary>One policy blob as uploaded by FinOps: its blob name and its text.</summary>
public sealed record PolicyDocument(string Name, string Content);
