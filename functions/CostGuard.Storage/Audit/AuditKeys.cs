using System.Globalization;
using CostGuard.Ports;
using CostGuard.Storage.Tables;

namespace CostGuard.Storage.Audit;

/// <summary>
/// The keys of one audit record in its tables (the newest-first index holds only action records). Records with an action id get keys derived only from the record
/// (never from when it was written), so re-writing a copy of an already-logged record hits the same key.
/// </summary>
internal readonly record struct AuditKeys(string AccountPartition, string AccountRow, string HourPartition, string HourRow, string LatestPartition, string LatestRow)
{
    public static AuditKeys For(AuditRecord r, string uniqueId)
    {
        var account = TableKeys.Account(r.Cloud, r.Account);
        var ticks = TableKeys.Ticks(r.Time);
        var id = r.ActionId is { } actionId ? "a" + TableKeys.Escape(actionId) : "d" + uniqueId;
        var kind = TableKeys.Escape(r.Kind);
        return new AuditKeys(
            account,
            $"{ticks}|{kind}|{id}",
            Hour(r.Time),
            $"{ticks}|{account}|{kind}|{id}",
            ReverseHour(r.Time),
            $"{TableKeys.ReverseTicks(r.Time)}|{account}|{kind}|{id}");
    }

    /// <summary>Partition of the cross-account time index: one per UTC hour, so a time range is a key range.</summary>
    public static string Hour(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Partition of the newest-first index: the UTC hour counted down (9999999999 - yyyyMMddHH, fixed width), so later
    /// hours sort first and one unfiltered query reads the index newest first across partitions.
    /// </summary>
    public static string ReverseHour(DateTimeOffset time) =>
        (9_999_999_999L - long.Parse(Hour(time), CultureInfo.InvariantCulture)).ToString("D10", CultureInfo.InvariantCulture);
}
