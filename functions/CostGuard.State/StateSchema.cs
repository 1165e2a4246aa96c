namespace CostGuard.State;

/// <summary>The SQLite schema; CREATE IF NOT EXISTS so opening an existing file is harmless.</summary>
internal static class StateSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS billing_cache (key TEXT PRIMARY KEY, payload TEXT NOT NULL, fetched_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS billing_failure (key TEXT PRIMARY KEY, problem TEXT NOT NULL, failed_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS guard_memory (policy TEXT PRIMARY KEY, json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, time TEXT NOT NULL, policy TEXT NOT NULL,
            cloud TEXT NOT NULL, account TEXT NOT NULL, region TEXT, instance TEXT, action TEXT NOT NULL, reason TEXT NOT NULL,
            mode TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT);
        CREATE INDEX IF NOT EXISTS audit_time ON audit(time_ms);
        -- The audit log is append-only: the database itself refuses edits and deletes.
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TABLE IF NOT EXISTS alert_sent (route TEXT NOT NULL, dedup_key TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (route, dedup_key));
        CREATE TABLE IF NOT EXISTS pending_delivery (
            id TEXT PRIMARY KEY, route TEXT NOT NULL, channel TEXT NOT NULL, payload TEXT NOT NULL, dedup_keys TEXT NOT NULL,
            attempts INTEGER NOT NULL, first_failed_at TEXT NOT NULL, last_error TEXT, policy TEXT);
        """;

    /// <summary>Columns added after a table was first shipped: (table, column, definition), applied when missing.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns =
    [
        // A failed delivery is retried only by the policy that raised it, never through another policy's webhooks.
        ("pending_delivery", "policy", "TEXT"),

        // Intent/outcome audit: rows written before the cloud call and after it, keyed by a deterministic action id.
        ("audit", "kind", "TEXT NOT NULL DEFAULT 'decision'"),
        ("audit", "action_id", "TEXT"),
        ("audit", "sweep_id", "TEXT"),
    ];

    /// <summary>Run after <see cref="AddedColumns"/>: objects over added columns (an older file gains them on open).</summary>
    public const string AfterColumns = """
        -- One row per (action id, kind): a rerun of a sweep appends its records with INSERT OR IGNORE and the log keeps one.
        CREATE UNIQUE INDEX IF NOT EXISTS audit_action ON audit(action_id, kind) WHERE action_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_open ON audit(policy, cloud, account, kind) WHERE action_id IS NOT NULL;
        """;
}
