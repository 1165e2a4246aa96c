using BenchmarkDotNet.Running;
using CostGuard.Benchmarks;

// `aws-sweep-report` prints request counts against the protocol minimum and sweep CPU time; anything else
// runs the BenchmarkDotNet benchmarks of this assembly (pass --filter to pick some).
if (args is ["aws-sweep-report", ..])
{
    return await AwsSweepReport.RunAsync();
}

if (args is ["aws-fake-server", ..])
{
    return await AwsSweepReport.ServeAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
