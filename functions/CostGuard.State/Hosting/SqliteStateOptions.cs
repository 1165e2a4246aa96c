namespace CostGuard.State.Hosting;

/// <summary>Where the laptop/CI state lives: one SQLite file (setting <c>COSTGUARD_STATE_FILE</c>; the CLI's <c>--state</c> wins).</summary>
public sealed class SqliteStateOptions
{
    public const string SettingName = "COSTGUARD_STATE_FILE";

    /// <summary>The state file; <see cref="SqliteStateStore.DefaultPath"/> when not set.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// What set <see cref="Path"/>, as start-up errors name it: the setting by default, the CLI's <c>--state</c> when it
    /// overrides the path (a user who typed <c>--state</c> must not be told to fix a setting they never set).
    /// </summary>
    public string PathSource { get; set; } = SettingName;

    /// <summary>Tells whether a lock holder named in a lease row is known to be dead (its lease is then taken at once).</summary>
    public Func<string, bool>? IsHolderGone { get; set; }
}
