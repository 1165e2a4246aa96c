using System.Globalization;
using CostGuard.Simulation;
using CostGuard.Cli.Output.Reports;
using CostGuard.Time;

namespace CostGuard.Cli.Simulation;

/// <summary>The human summary of a simulation, for stderr: totals, then tables of actions, alerts and disruptions.</summary>
internal static class SimulationSummary
{
    private const int MaxRows = 40;

    public static void Write(SimulationResult result, TextWriter writer)
    {
        var saved = ContractNames.Cents(result.SpendWithoutUsd) - ContractNames.Cents(result.SpendWithUsd);
        var share = result.SpendWithoutUsd == 0 ? 0 : saved / ContractNames.Cents(result.SpendWithoutUsd);
        writer.WriteLine(
            $"Policy '{result.PolicyName}' ({ContractNames.Of(result.Mode)}) over {IsoTime.Format(result.TraceStart)} .. {IsoTime.Format(result.TraceEnd)}: "
            + $"{result.Instances} instances, {result.Rows} rows");
        writer.WriteLine($"  GPU spend without guard  {Usd(result.SpendWithoutUsd),14}");
        writer.WriteLine($"  GPU spend with guard     {Usd(result.SpendWithUsd),14}");
        writer.WriteLine($"  Saved                    {Usd(saved),14}  ({share.ToString("P1", CultureInfo.InvariantCulture)})");
        writer.WriteLine();

        writer.WriteLine($"Actions ({result.Actions.Count}):");
        var actions = new TextTable("TIME", "ACTION", "REASON", "ACCOUNT", "INSTANCE", "NEXT ACTIVE", "DETAIL");
        foreach (var a in result.Actions.Take(MaxRows))
        {
            var next = a.IsDisruptive ? (a.NextActiveAt is { } n ? IsoTime.Format(n) : "never") : "";
            var detail = a.TagKey is null ? a.Detail : $"{a.TagKey}{(a.TagValue is null ? "" : "=" + a.TagValue)}: {a.Detail}";
            actions.Add(IsoTime.Format(a.Time), ContractNames.Of(a.Action), ContractNames.Of(a.Reason), a.Account, Short(a.Instance), next, detail);
        }

        actions.WriteTo(writer);
        More(writer, result.Actions.Count);

        writer.WriteLine($"Alerts ({result.Alerts.Count}):");
        var alerts = new TextTable("TIME", "KIND", "ACCOUNT", "MESSAGE");
        foreach (var alert in result.Alerts.Take(MaxRows))
        {
            alerts.Add(IsoTime.Format(alert.Time), ContractNames.Of(alert.Kind), alert.Account, alert.Message);
        }

        alerts.WriteTo(writer);
        More(writer, result.Alerts.Count);

        writer.WriteLine($"Disruptions ({result.Disruptions.Count}): stops of instances that were active again within the idle window");
        var disruptions = new TextTable("INSTANCE", "STOPPED AT", "NEXT ACTIVE");
        foreach (var d in result.Disruptions.Take(MaxRows))
        {
            disruptions.Add(Short(d.Instance), IsoTime.Format(d.StoppedAt), IsoTime.Format(d.NextActiveAt));
        }

        disruptions.WriteTo(writer);
        More(writer, result.Disruptions.Count);
    }

    private static void More(TextWriter writer, int count)
    {
        if (count > MaxRows)
        {
            writer.WriteLine($"  ... and {count - MaxRows} more (see --json or --html)");
        }

        writer.WriteLine();
    }

    // Azure VM ids are long resource paths; the VM name is what people recognise in a table.
    private static string Short(string instance) =>
        instance.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? instance[(instance.LastIndexOf('/') + 1)..] : instance;

    private static string Usd(decimal usd) => "$" + ContractNames.Cents(usd).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
