using BenchmarkDotNet.Running;

// Runs every benchmark in this assembly; pass --filter to pick some (BenchmarkDotNet's own switches).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
