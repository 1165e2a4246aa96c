using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CostGuard.Aws.Testing;

/// <summary>CloudWatch GetMetricData over awsJson 1.0 (CLOUD-WIRE-FORMATS.md §3): epoch-second timestamps, ≤500 queries.</summary>
public sealed partial class FakeAwsCloud
{
    /// <summary>Datapoints per page before NextToken (AWS: 100,800).</summary>
    public int MetricPageDatapoints { get; set; } = 100_800;

    /// <summary>The GPU metric the fake publishes (with the InstanceId rollup dimension).</summary>
    public (string Namespace, string Name) GpuMetric { get; set; } = ("CWAgent", "nvidia_smi_utilization_gpu");

    private FakeReply AnswerCloudWatch(FakeRequest request)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(request.Body) ?? throw new JsonException("empty");
        }
        catch (JsonException)
        {
            return CloudWatchError(400, "InvalidParameterValue", "the body is not JSON");
        }

        var queries = root["MetricDataQueries"]?.AsArray() ?? [];
        if (queries.Count is 0 or > 500)
        {
            return CloudWatchError(400, "InvalidParameterValue", $"MetricDataQueries must have 1..500 members, got {queries.Count}");
        }

        var start = root["StartTime"]!.GetValue<long>();
        var end = root["EndTime"]!.GetValue<long>();
        var series = new List<(string Id, List<long> Timestamps, List<double> Values)>();
        foreach (var q in queries)
        {
            var id = q!["Id"]!.GetValue<string>();
            if (!Regex.IsMatch(id, "^[a-z][a-zA-Z0-9_]*$"))
            {
                return CloudWatchError(400, "InvalidParameterValue", $"invalid Id {id}");
            }

            var stat = q["MetricStat"]!;
            var metric = stat["Metric"]!;
            var period = stat["Period"]!.GetValue<int>();
            var ns = metric["Namespace"]!.GetValue<string>();
            var name = metric["MetricName"]!.GetValue<string>();
            var instanceId = metric["Dimensions"]!.AsArray().FirstOrDefault(d => d!["Name"]!.GetValue<string>() == "InstanceId")?["Value"]?.GetValue<string>();
            var value = instanceId is not null && _instances.TryGetValue(instanceId, out var x)
                ? (ns == GpuMetric.Namespace && name == GpuMetric.Name ? x.GpuPercent : ns == "AWS/EC2" && name == "CPUUtilization" ? x.CpuPercent : null)
                : null;
            var timestamps = new List<long>();
            var values = new List<double>();
            for (var t = start; value is not null && t < end; t += period)
            {
                timestamps.Add(t);
                values.Add(value.Value);
            }

            series.Add((id, timestamps, values));
        }

        // Datapoints are paged by position across all results, as AWS does with MaxDatapoints.
        var token = root["NextToken"]?.GetValue<string>();
        var skip = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var budget = MetricPageDatapoints;
        var position = 0;
        var results = new JsonArray();
        foreach (var (id, timestamps, values) in series)
        {
            var ts = new JsonArray();
            var vs = new JsonArray();
            for (var i = 0; i < timestamps.Count; i++, position++)
            {
                if (position >= skip && budget > 0)
                {
                    ts.Add(timestamps[i]);
                    vs.Add(values[i]);
                    budget--;
                }
            }

            results.Add(new JsonObject { ["Id"] = id, ["Label"] = id, ["Timestamps"] = ts, ["Values"] = vs, ["StatusCode"] = "Complete" });
        }

        var response = new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
        if (skip + MetricPageDatapoints < position)
        {
            response["NextToken"] = (skip + MetricPageDatapoints).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new FakeReply(200, "application/x-amz-json-1.0", response.ToJsonString());
    }

    public static FakeReply CloudWatchError(int status, string code, string message) => new(
        status,
        "application/x-amz-json-1.0",
        new JsonObject { ["__type"] = $"com.amazonaws.cloudwatch#{code}", ["message"] = message }.ToJsonString(),
        new Dictionary<string, string> { ["x-amzn-query-error"] = $"{code};Sender" });
}
