using System.CommandLine;

namespace CostGuard.Cli.Commands;

/// <summary>The shared <c>--state</c> option of the live verbs.</summary>
internal static class StateOption
{
    public const string Name = "--state";

    public static Option<string?> Create() => new(Name)
    {
        Description = "SQLite state file (billing cache, guard memory, audit log). Default: setting COSTGUARD_STATE_FILE, else <LocalApplicationData>/costguard/state.db.",
    };
}
