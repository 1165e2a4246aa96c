namespace CostGuard.Aws.Http;

/// <summary>Where and how one awsJson operation is sent and signed, and how it is counted.</summary>
internal sealed record AwsJsonCall(
    Uri Endpoint,
    string SigningService,
    string SigningRegion,
    string ContentType,
    string Target,
    string Service,
    string Operation,
    bool QueryMode = false);
