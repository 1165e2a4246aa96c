using CostGuard.Fleet;

namespace CostGuard.Ports;

/// <summary>Everything the guard keeps between runs (SQLite on a laptop, Table Storage in Functions).</summary>
public interface IStateStore : IBillingCache, IGuardMemoryStore, IAuditLog, IAlertLedger
{
}
