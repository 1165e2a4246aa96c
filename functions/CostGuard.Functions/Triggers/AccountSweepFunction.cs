using CostGuard.Fanout;
using Microsoft.Azure.Functions.Worker;

namespace CostGuard.Functions.Triggers;

/// <summary>One (policy, account) sweep per <c>costguard-sweeps</c> message; a failure retries it, up to the poison queue.</summary>
public sealed class AccountSweepFunction(AccountSweepService sweeps)
{
    [Function("AccountSweep")]
    public Task RunAsync([QueueTrigger(StorageNames.SweepQueue, Connection = StorageNames.Connection)] string message, FunctionContext context, CancellationToken cancellationToken) =>
        sweeps.RunAsync(SweepMessage.Parse(message), $"{Environment.MachineName}:{context.InvocationId}", cancellationToken);
}
