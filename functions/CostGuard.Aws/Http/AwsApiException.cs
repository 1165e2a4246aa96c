using System.Net;

namespace CostGuard.Aws.Http;

/// <summary>An AWS error answer from a thin client, with the service's error code.</summary>
public sealed class AwsApiException : Exception
{
    public AwsApiException()
    {
        Code = "Unknown";
    }

    public AwsApiException(string message)
        : base(message)
    {
        Code = "Unknown";
    }

    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Unknown";
    }

    public AwsApiException(string operation, string code, HttpStatusCode? status, string message)
        : base($"{operation}: {code}{(status is null ? string.Empty : $" (HTTP {(int)status})")}: {message}")
    {
        Code = code;
        Status = status;
    }

    public string Code { get; }

    public HttpStatusCode? Status { get; }
}
