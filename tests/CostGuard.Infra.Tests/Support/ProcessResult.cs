namespace CostGuard.Infra.Support;

/// <summary>What a finished child process said.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Combined => StandardOutput + StandardError;
}
