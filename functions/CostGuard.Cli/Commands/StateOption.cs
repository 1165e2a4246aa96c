using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary>The shared <c>--state</c> option of the live verbs.</summary>
internal static class StateOption
{
    public static Option<string?> Create() => new("--state")
    {
        Description = "SQLite state file (billing cache, guard memory, audit log). Default: <LocalApplicationData>/costguard/state.db.",
    };
}
