using CostGuard.Sweeps;
using System.Text;
using System.Text.Json;
using CostGuard.Engine;
using CostGuard.Time;

namespace CostGuard.Cli.Output;

/// <summary>
/// A plan as one JSON document (policy, mode, evaluatedAt, accounts, actions, alerts, deferred): the shape shared by
/// <c>plan</c>, <c>enforce</c> and the simulator. Times are ISO-8601 UTC with Z, enums kebab-case, money decimal.
/// </summary>
internal static class PlanJson
{
    public static string Render(Plan plan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(json, plan);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter json, Plan plan)
    {
        json.WriteStartObject();
        json.WriteString("policy", plan.PolicyName);
        json.WriteString("mode", PlanWords.Of(plan.Mode));
        json.WriteString("evaluatedAt", IsoTime.Format(plan.EvaluatedAt));
        json.WriteStartArray("accounts");
        foreach (var account in plan.Accounts)
        {
            WriteAccount(json, account);
        }

        json.WriteEndArray();
        WriteActions(json, "actions", plan.Actions, plan.EvaluatedAt);
        json.WriteStartArray("alerts");
        foreach (var alert in plan.Alerts)
        {
            WriteAlert(json, alert, plan.EvaluatedAt);
        }

        json.WriteEndArray();
        WriteActions(json, "deferred", plan.Deferred, plan.EvaluatedAt);
        json.WriteEndObject();
    }

    public static void WriteAction(Utf8JsonWriter json, PlannedAction action, DateTimeOffset time)
    {
        json.WriteStartObject();
        WriteActionFields(json, action, time);
        json.WriteEndObject();
    }

    /// <summary>The fields of one action, shared by every report that lists actions (plan, enforce).</summary>
    public static void WriteActionFields(Utf8JsonWriter json, PlannedAction action, DateTimeOffset time)
    {
        json.WriteString("time", IsoTime.Format(time));
        json.WriteString("cloud", PlanWords.Of(action.Instance.Cloud));
        json.WriteString("account", action.Instance.Account);
        json.WriteString("region", action.Instance.Region);
        json.WriteString("instance", action.Instance.Id);
        json.WriteString("instanceType", action.Instance.Type);
        json.WriteString("action", PlanWords.Of(action.Action));
        json.WriteString("reason", PlanWords.Of(action.Reason));
        json.WriteString("detail", action.Detail);
        if (action.TagKey is not null)
        {
            json.WriteString("tagKey", action.TagKey);
        }

        if (action.TagValue is not null)
        {
            json.WriteString("tagValue", action.TagValue);
        }
    }

    public static void WriteAlert(Utf8JsonWriter json, PlannedAlert alert, DateTimeOffset time)
    {
        json.WriteStartObject();
        json.WriteString("time", IsoTime.Format(time));
        json.WriteString("kind", PlanWords.Of(alert.Kind));
        json.WriteString("severity", PlanWords.Of(alert.Severity));
        json.WriteString("cloud", PlanWords.Of(alert.Cloud));
        json.WriteString("account", alert.Account);
        if (alert.Instance is not null)
        {
            json.WriteString("instance", alert.Instance.Id);
        }

        json.WriteString("message", alert.Message);
        json.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter json, string name, IReadOnlyList<PlannedAction> actions, DateTimeOffset time)
    {
        json.WriteStartArray(name);
        foreach (var action in actions)
        {
            WriteAction(json, action, time);
        }

        json.WriteEndArray();
    }

    private static void WriteAccount(Utf8JsonWriter json, AccountSummary account)
    {
        json.WriteStartObject();
        json.WriteString("cloud", PlanWords.Of(account.Cloud));
        json.WriteString("account", account.Account);
        json.WriteNumber("gpuInstances", account.GpuInstances);
        json.WriteNumber("billingGpuInstances", account.BillingGpuInstances);
        json.WriteNumber("burnUsdPerHour", account.BurnUsdPerHour);
        json.WriteNumber("burnAfterPlanUsdPerHour", account.BurnAfterPlanUsdPerHour);
        json.WriteNumber("monthToDateUsd", account.MonthToDateUsd);
        if (account.SpendAsOf is { } asOf)
        {
            json.WriteString("spendAsOf", IsoTime.Format(asOf));
        }
        else
        {
            json.WriteNull("spendAsOf");
        }

        json.WriteStartObject("caps");
        WriteNullable(json, "monthlyUsd", account.Caps.MonthlyUsd);
        WriteNullable(json, "maxHourlyBurnUsd", account.Caps.MaxHourlyBurnUsd);
        json.WriteStartArray("warnAtPercent");
        foreach (var percent in account.Caps.WarnAtPercent)
        {
            json.WriteNumberValue(percent);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
