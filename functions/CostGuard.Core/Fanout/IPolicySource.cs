namespace CostGuard.Fanout;

/// <summary>Where FinOps upload policies (the <c>policies</c> blob container, one policy per blob).</summary>
public interface IPolicySource
{
    Task<IReadOnlyList<PolicyDocument>> ListAsync(CancellationToken cancellationToken);
}
