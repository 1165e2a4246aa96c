using CostGuard.Cli;

// Entry point of the `costguard` command: machine output on stdout, everything for people on stderr.
return await CostGuardCli.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
