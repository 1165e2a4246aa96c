namespace CostGuard.State.Hosting;

/// <summary>Where the laptop/CI state lives: one SQLite file (setting <c>COSTGUARD_STATE_FILE</c>; the CLI's <c>--state</c> wins).</summary>
public sealed class SqliteStateOptions
{
    public const string SettingName = "COSTGUARD_STATE_FILE";

    /// <summary>The state file; <see cref="SqliteStateStore.DefaultPath"/> when not set.</summary>
    public string Path { get; set; } = "";
}
