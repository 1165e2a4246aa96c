namespace CostGuard.Aws.Endpoints;

/// <summary>The AWS services CostGuard calls.</summary>
internal enum AwsService
{
    Ec2,
    CloudWatch,
    CostExplorer,
    Sts,
}
