using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostGuard.Azure.Fakes;

/// <summary>The fake's data planes: metrics batch, Log Analytics and Cost Management.</summary>
internal sealed partial class FakeAzureCloud
{
    /// <summary>getBatch calls: region from the URL, resource ids from the body.</summary>
    public List<(string Region, int Resources)> Batches { get; } = [];

    /// <summary>Bodies of every Cost Management POST, to check nextLink pages re-send the same body.</summary>
    public List<string> CostBodies { get; } = [];

    private HttpResponseMessage GetBatch(string path, NameValueCollection query, string body)
    {
        var parts = path.Split('/');
        var region = parts[2];
        var subscription = parts[4];
        var start = DateTimeOffset.Parse(query["starttime"]!, CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(query["endtime"]!, CultureInfo.InvariantCulture);
        var interval = System.Xml.XmlConvert.ToTimeSpan(query["interval"]!);
        if (query["metricnames"] != "Percentage CPU" || query["metricnamespace"] != "Microsoft.Compute/virtualMachines")
        {
            return Json(HttpStatusCode.BadRequest, """{"error":{"code":"BadRequest","message":"unexpected metric"}}""");
        }

        using var document = JsonDocument.Parse(body);
        var ids = document.RootElement.GetProperty("resourceids").EnumerateArray().Select(e => e.GetString()!).ToList();
        Batches.Add((region, ids.Count));
        if (ids.Count > 50)
        {
            return Json(HttpStatusCode.BadRequest, """{"error":{"code":"BadRequest","message":"At most 50 resource ids per request."}}""");
        }

        var values = new JsonArray();
        foreach (var id in ids)
        {
            var vm = Find(id);
            var entry = Payload.Node("Monitor/getbatch-resource.json").AsObject();
            entry["resourceid"] = id;
            entry["resourceregion"] = region;
            entry["starttime"] = query["starttime"];
            entry["endtime"] = query["endtime"];
            entry["interval"] = query["interval"];
            var metric = entry["value"]![0]!.AsObject();
            metric["id"] = id + "/providers/Microsoft.Insights/metrics/Percentage CPU";
            var data = new JsonArray();

            // Like the real service: ids of another subscription or region come back with empty data.
            if (vm is not null && vm.Location == region && vm.Subscription == subscription)
            {
                for (var t = start; t < end; t += interval)
                {
                    var point = new JsonObject { ["timeStamp"] = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
                    if (vm.Cpu.TryGetValue(t, out var cpu))
                    {
                        point["average"] = cpu;
                    }

                    data.Add(point);
                }
            }

            metric["timeseries"]![0]!["data"] = data;
            values.Add(entry);
        }

        return Json(HttpStatusCode.OK, new JsonObject { ["values"] = values }.ToJsonString());
    }

    private HttpResponseMessage LogQuery(string path, string body)
    {
        var workspace = path.Split('/')[4];
        if (!Workspaces.TryGetValue(workspace, out var subscriptions))
        {
            return Json(HttpStatusCode.NotFound, Payload.Text("LogAnalytics/error-workspace-not-found.json"));
        }

        using var document = JsonDocument.Parse(body);
        var kql = document.RootElement.GetProperty("query").GetString()!;
        var span = document.RootElement.GetProperty("timespan").GetString()!.Split('/');
        var start = DateTimeOffset.Parse(span[0], CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(span[1], CultureInfo.InvariantCulture);
        var result = Payload.Node("LogAnalytics/query.json");
        var rows = result["tables"]![0]!["rows"]!.AsArray();

        // Emulates the adapter's query: InsightsMetrics of the named metric, max over GPUs per VM and bin, ids lower-cased.
        if (kql.Contains("InsightsMetrics", StringComparison.Ordinal) && kql.Contains("Name == 'gpuutilization'", StringComparison.Ordinal)
            && kql.Contains("max(Val)", StringComparison.Ordinal))
        {
            foreach (var vm in Vms.Where(v => subscriptions.Contains(v.Subscription)))
            {
                foreach (var (bin, gpus) in vm.Gpu.Where(p => p.Key >= start && p.Key < end).OrderBy(p => p.Key))
                {
                    rows.Add(new JsonArray(vm.Id.ToLowerInvariant(), bin.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), gpus.Max()));
                }
            }
        }

        return Json(HttpStatusCode.OK, result.ToJsonString());
    }

    private HttpResponseMessage CostQuery(string path, NameValueCollection query, string body)
    {
        CostBodies.Add(body);
        var subscription = path.Split('/')[2];
        using var document = JsonDocument.Parse(body);
        var period = document.RootElement.GetProperty("timePeriod");
        var from = DateOnly.FromDateTime(period.GetProperty("from").GetDateTime());
        var to = DateOnly.FromDateTime(period.GetProperty("to").GetDateTime());
        var all = (Costs.TryGetValue(subscription, out var rows) ? rows : [])
            .Where(r => r.Day >= from && r.Day <= to)
            .ToList();
        var skip = int.Parse(query["$skiptoken"] ?? "0", CultureInfo.InvariantCulture);
        var result = Payload.Node("CostManagement/query.json");
        var properties = result["properties"]!.AsObject();
        var output = properties["rows"]!.AsArray();
        foreach (var row in all.Skip(skip).Take(CostPageSize))
        {
            output.Add(new JsonArray(row.Cost, int.Parse(row.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), row.ResourceId.ToLowerInvariant(), CostCurrency));
        }

        if (skip + CostPageSize < all.Count)
        {
            properties["nextLink"] = $"{Host}{path}?api-version={query["api-version"]}&%24skiptoken={skip + CostPageSize}";
        }

        return Json(HttpStatusCode.OK, result.ToJsonString());
    }
}
