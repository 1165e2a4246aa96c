using Microsoft.Azure.Functions.Worker;

namespace CostGuard.Functions.Support;

/// <summary>The one thing the triggers read from their context: the invocation id (the lease holder's name).</summary>
internal sealed class TestFunctionContext(string invocationId) : FunctionContext
{
    public override string InvocationId => invocationId;

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = null!;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override Microsoft.Azure.Functions.Worker.IInvocationFeatures Features => throw new NotSupportedException();
}
