using Azure.Core;
using Azure.Core.Pipeline;
using CostGuard.Ports;

namespace CostGuard.Azure.Http;

/// <summary>Counts every attempt that reaches the wire (retries and LRO polls included) per service and operation.</summary>
internal sealed class RequestCountingPolicy(ApiRequestCounter counter) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var (service, operation) = AzureOperationNames.Classify(message.Request.Method.Method, message.Request.Uri.ToUri());
        counter.Count(service, operation);
    }
}
