using Amazon.Runtime;

namespace CostGuard.Aws.Credentials;

/// <summary>Temporary credentials of an assumed role and when they expire.</summary>
internal sealed record AssumedSession(AWSCredentials Credentials, DateTimeOffset Expiration);
