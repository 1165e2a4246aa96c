namespace CostGuard.Aws.Inventory;

/// <summary>One EC2 instance as DescribeInstances reported it.</summary>
internal sealed record Ec2Instance(
    string Id,
    string Type,
    string State,
    DateTimeOffset? LaunchTime,
    IReadOnlyDictionary<string, string> Tags,
    bool Spot);
