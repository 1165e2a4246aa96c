using System.Text.Json;
using System.Text.Json.Nodes;
using CostGuard.Cli.Output.Reports;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// <c>simulate --baseline-policy --json</c>: the new policy's usual document, plus a <c>baseline</c> section in
/// the same shape and a <c>comparison</c> section (totals and per-rule figures, money in cents). Without a
/// baseline the command writes the usual document unchanged; this type is never involved.
/// </summary>
internal static class ComparisonJson
{
    public static string ToJson(PolicyComparison c)
    {
        var document = JsonNode.Parse(SimulationJsonWriter.ToJson(c.New.Result))!.AsObject();
        document["baseline"] = JsonNode.Parse(SimulationJsonWriter.ToJson(c.Baseline.Result));
        document["comparison"] = new JsonObject
        {
            ["trace"] = c.TraceName,
            ["savedUsd"] = Change(Cents(c.Baseline.SavedUsd), Cents(c.New.SavedUsd)),
            ["spendWithGuardUsd"] = Change(Cents(c.Baseline.Result.SpendWithUsd), Cents(c.New.Result.SpendWithUsd)),
            ["actions"] = Change(c.Baseline.Result.Actions.Count, c.New.Result.Actions.Count),
            ["disruptions"] = Change(c.Baseline.Result.Disruptions.Count, c.New.Result.Disruptions.Count),
            ["alerts"] = Change(c.Baseline.Result.Alerts.Count, c.New.Result.Alerts.Count),
            ["rules"] = new JsonArray(c.New.Rules.Select(r => (JsonNode)new JsonObject
            {
                ["rule"] = r.Rule,
                ["baseline"] = Rule(c.Baseline.Rule(r.Rule)),
                ["new"] = Rule(r),
            }).ToArray()),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Rule(RuleFigures r) => new()
    {
        ["on"] = r.On,
        ["savedUsd"] = r.SavedUsd is { } usd ? JsonValue.Create(Cents(usd)) : null,
        ["stops"] = r.Stops,
        ["terminations"] = r.Terminations,
        ["tags"] = r.Tags,
        ["disruptions"] = r.Disruptions,
    };

    private static JsonObject Change(decimal before, decimal after) => new() { ["baseline"] = before, ["new"] = after, ["change"] = after - before };

    private static decimal Cents(decimal usd) => ContractNames.Cents(usd);
}
