using System.Text;
using System.Text.Json;
using CostGuard.Ports;
using CostGuard.Time;

namespace CostGuard.Status;

/// <summary>The status endpoint's JSON (<c>GET /api/status</c>): one object per policy and account, and the last actions.</summary>
public static class StatusJson
{
    public static string Render(StatusReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generatedAt", IsoTime.Format(report.GeneratedAt));
            w.WriteStartArray("policies");
            foreach (var policy in report.Policies)
            {
                WritePolicy(w, policy);
            }

            w.WriteEndArray();
            w.WriteStartArray("actions");
            foreach (var action in report.Actions)
            {
                WriteAction(w, action);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePolicy(Utf8JsonWriter w, PolicyView policy)
    {
        w.WriteStartObject();
        w.WriteString("name", policy.Name);
        w.WriteString("blob", policy.Blob);
        w.WriteString("policyHash", policy.Hash);
        w.WriteString("mode", policy.Mode);
        w.WriteNumber("sweepIntervalSeconds", (long)policy.SweepInterval.TotalSeconds);
        w.WriteStartArray("accounts");
        foreach (var account in policy.Accounts)
        {
            WriteAccount(w, account);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter w, AccountView view)
    {
        w.WriteStartObject();
        w.WriteString("cloud", view.Cloud);
        w.WriteString("account", view.Account);
        var f = view.Figures;
        Time(w, "lastSweptAt", f?.SweptAt);

        // The figures' age: as of the last whole inventory read; stale (not refreshed) when a later read failed.
        Time(w, "figuresAsOf", f?.SweptAt);
        w.WriteBoolean("figuresStale", view.FiguresStale);
        Time(w, "readFailedAt", f?.ReadFailedAt);
        w.WriteString("readError", f?.ReadError);
        Money(w, "burnUsdPerHour", f?.BurnUsdPerHour);
        Money(w, "maxHourlyBurnUsd", f?.MaxHourlyBurnUsd);
        Money(w, "monthlyUsd", f?.MonthlyUsd);
        WriteMonthToDate(w, view.MonthToDate, f?.BillingError);
        Time(w, "lastSuccessAt", view.Health?.LastSuccessAt);
        if (view.LastSuccessAge is { } age)
        {
            w.WriteNumber("lastSuccessAgeSeconds", (long)age.TotalSeconds);
        }
        else
        {
            w.WriteNull("lastSuccessAgeSeconds");
        }

        w.WriteNumber("failuresInARow", view.Health?.FailuresInARow ?? 0);
        w.WriteString("lastError", view.Health?.LastError);
        w.WriteBoolean("stale", view.Stale);
        w.WriteStartArray("orphanMarks");
        foreach (var mark in f?.OrphanMarks ?? [])
        {
            w.WriteStartObject();
            w.WriteString("instance", mark.Instance);
            Time(w, "markedAt", mark.MarkedAt);
            Time(w, "stopAt", mark.StopAt);
            Time(w, "terminateAt", mark.TerminateAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("exemptionsExpiring");
        foreach (var exemption in f?.ExemptionsExpiring ?? [])
        {
            w.WriteStartObject();
            w.WriteString("instance", exemption.Instance);
            Time(w, "expiresAt", exemption.ExpiresAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMonthToDate(Utf8JsonWriter w, MonthToDateView? mtd, string? billingError)
    {
        w.WriteStartObject("monthToDate");
        Money(w, "totalUsd", mtd?.TotalUsd);
        Money(w, "billedUsd", mtd?.BilledUsd);
        Time(w, "billedThrough", mtd?.BilledThrough);
        Money(w, "liveSinceUsd", mtd?.LiveSinceUsd);
        Time(w, "liveFrom", mtd?.LiveFrom);
        Money(w, "liveBurnUsdPerHour", mtd?.LiveBurnUsdPerHour);

        // Says in words what the total is: billed + live, or (billing data unknown) a live estimate only.
        w.WriteString("basis", mtd is null ? null : mtd.BillingKnown ? "billed-plus-live" : "live-estimate-only");

        // Set when the billing read of the figures' sweep failed: billed is then the last known figure (its own billedThrough).
        w.WriteString("billingError", billingError);
        w.WriteEndObject();
    }

    private static void WriteAction(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartObject();
        Time(w, "time", r.Time);
        w.WriteString("policy", r.Policy);
        w.WriteString("cloud", r.Cloud);
        w.WriteString("account", r.Account);
        w.WriteString("region", r.Region);
        w.WriteString("instance", r.Instance);
        w.WriteString("action", r.Action);
        w.WriteString("reason", r.Reason);
        w.WriteString("mode", r.Mode);
        w.WriteString("outcome", r.Outcome);
        w.WriteString("detail", r.Detail);
        w.WriteString("sweepId", r.SweepId);
        w.WriteEndObject();
    }

    private static void Money(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, IsoTime.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
