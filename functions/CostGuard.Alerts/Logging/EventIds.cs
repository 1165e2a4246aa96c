namespace CostGuard.Alerts.Logging;

/// <summary>Stable event ids of the alert senders (range 6000-6099), kept in one place.</summary>
internal static class EventIds
{
    public const int Delivered = 6000;
    public const int Retrying = 6001;
    public const int DeliveryFailed = 6002;
    public const int SettingMissing = 6003;
    public const int SettingInvalid = 6004;
    public const int Suppressed = 6005;
    public const int PendingSaved = 6006;
    public const int PendingDropped = 6007;
    public const int LedgerFailed = 6008;
    public const int PendingDelivered = 6009;
}
