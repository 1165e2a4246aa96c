using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace CostGuard.Azure.Fakes;

/// <summary>
/// In-process ARM Compute, Monitor metrics batch, Log Analytics and Cost Management, answering with the recorded
/// payloads under Payloads/ (filled with this fake's VMs). Plugged into the real SDK as its HTTP transport.
/// </summary>
internal sealed partial class FakeAzureCloud : HttpMessageHandler
{
    public const string Host = "https://127.0.0.1";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeOperation> _operations = [];
    private readonly System.Diagnostics.Stopwatch _serving = new();
    private Dictionary<string, FakeVm>? _index;
    private int _indexedCount = -1;
    private int _nextOperation;

    /// <summary>Time spent inside the fake answering (so a benchmark can tell the adapter's CPU from the fake's).</summary>
    public TimeSpan ServeTime => _serving.Elapsed;

    public List<FakeVm> Vms { get; } = [];

    /// <summary>Log Analytics workspaces and the subscriptions whose VMs report into them.</summary>
    public Dictionary<string, HashSet<string>> Workspaces { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cost Management rows per subscription: resource id, day, cost.</summary>
    public Dictionary<string, List<(string ResourceId, DateOnly Day, decimal Cost)>> Costs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<Fault> Faults { get; } = [];

    public List<RecordedRequest> Requests { get; } = [];

    public int VmPageSize { get; set; } = 100;

    public int CostPageSize { get; set; } = 1000;

    /// <summary>Polls answering InProgress before a long-running operation ends.</summary>
    public int PollsBeforeDone { get; set; }

    /// <summary>Error code the next long-running operation ends with (then reset).</summary>
    public string? NextOperationFailsWith { get; set; }

    public string CostCurrency { get; set; } = "USD";

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.Method == method && r.Uri.AbsolutePath.Contains(pathContains, StringComparison.OrdinalIgnoreCase));

    public FakeVm Vm(string name) => Vms.Single(v => v.Name == name);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _serving.Start();
            try
            {
                return Answer(request, body);
            }
            finally
            {
                _serving.Stop();
            }
        }
    }

    /// <summary>The VM with this id (case-insensitive), through an index rebuilt when the list changes size.</summary>
    public FakeVm? Find(string id)
    {
        if (_index is null || _indexedCount != Vms.Count)
        {
            _index = new Dictionary<string, FakeVm>(StringComparer.OrdinalIgnoreCase);
            foreach (var vm in Vms)
            {
                _index[vm.Id] = vm;
            }

            _indexedCount = Vms.Count;
        }

        return _index.TryGetValue(id, out var found) ? found : null;
    }

    private HttpResponseMessage Answer(HttpRequestMessage request, string? body)
    {
        {
            Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString()));
            var fault = Faults.FirstOrDefault(f => f.Times > 0 && f.Matches(request));
            if (fault is not null)
            {
                fault.Times--;
                var response = new HttpResponseMessage(fault.Status)
                {
                    Content = new StringContent(fault.BodyFile is null ? "" : Payload.Text(fault.BodyFile), Encoding.UTF8, "application/json"),
                };
                foreach (var (name, value) in fault.Headers)
                {
                    response.Headers.TryAddWithoutValidation(name, value);
                }

                return response;
            }

            return Route(request, body);
        }
    }

    private HttpResponseMessage Route(HttpRequestMessage request, string? body)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var query = HttpUtility.ParseQueryString(uri.Query);
        var method = request.Method.Method;
        if (path.StartsWith("/metrics/", StringComparison.Ordinal) && path.EndsWith("/metrics:getBatch", StringComparison.Ordinal))
        {
            return GetBatch(path, query, body!);
        }

        if (path.StartsWith("/logs/v1/workspaces/", StringComparison.Ordinal))
        {
            return LogQuery(path, body!);
        }

        if (path.EndsWith("/providers/Microsoft.CostManagement/query", StringComparison.OrdinalIgnoreCase))
        {
            return CostQuery(path, query, body!);
        }

        if (path.Contains("/operations/", StringComparison.OrdinalIgnoreCase))
        {
            return Poll(path, query);
        }

        if (path.EndsWith("/providers/Microsoft.Compute/virtualMachines", StringComparison.OrdinalIgnoreCase) && method == "GET")
        {
            return ListVms(path, query);
        }

        var vmPath = path.EndsWith("/deallocate", StringComparison.OrdinalIgnoreCase) ? path[..^"/deallocate".Length] : path;
        var vm = Find(vmPath);
        if (vm is null)
        {
            return Json(HttpStatusCode.NotFound, Payload.Text("Arm/error-not-found.json"));
        }

        if (path.EndsWith("/deallocate", StringComparison.OrdinalIgnoreCase) && method == "POST")
        {
            vm.PowerState = "deallocating";
            return StartOperation(vm, "deallocate", query["api-version"]);
        }

        return method switch
        {
            "GET" => Json(HttpStatusCode.OK, VmJson(vm, withInstanceView: query["$expand"] == "instanceView").ToJsonString()),
            "PATCH" => Patch(vm, body!),
            "DELETE" => StartOperation(vm, "delete", query["api-version"]),
            _ => new HttpResponseMessage(HttpStatusCode.MethodNotAllowed),
        };
    }

    private HttpResponseMessage ListVms(string path, System.Collections.Specialized.NameValueCollection query)
    {
        var subscription = path.Split('/')[2];
        var statusOnly = string.Equals(query["statusOnly"], "true", StringComparison.OrdinalIgnoreCase);
        var all = Vms.Where(v => v.Subscription.Equals(subscription, StringComparison.OrdinalIgnoreCase)).ToList();
        var skip = int.Parse(query["$skiptoken"] ?? "0", CultureInfo.InvariantCulture);
        var page = all.Skip(skip).Take(VmPageSize).ToList();
        var result = new JsonObject
        {
            ["value"] = new JsonArray(page.Select(v => (JsonNode)(statusOnly ? StatusJson(v) : VmJson(v, false))).ToArray()),
        };
        if (skip + VmPageSize < all.Count)
        {
            result["nextLink"] = $"{Host}{path}?api-version={query["api-version"]}{(statusOnly ? "&statusOnly=true" : "")}&%24skiptoken={skip + VmPageSize}";
        }

        return Json(HttpStatusCode.OK, result.ToJsonString());
    }

    private static JsonObject VmJson(FakeVm vm, bool withInstanceView)
    {
        var node = Payload.Node("Arm/vm.json").AsObject();
        node["id"] = vm.Id;
        node["name"] = vm.Name;
        node["location"] = vm.Location;
        node["tags"] = new JsonObject(vm.Tags.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        var properties = node["properties"]!.AsObject();
        properties["hardwareProfile"]!["vmSize"] = vm.Size;
        properties["timeCreated"] = vm.TimeCreated.ToString("o", CultureInfo.InvariantCulture);
        properties["priority"] = vm.Priority;
        if (withInstanceView)
        {
            properties["instanceView"] = StatusJson(vm)["properties"]!["instanceView"]!.DeepClone();
        }

        return node;
    }

    private static JsonObject StatusJson(FakeVm vm)
    {
        var node = Payload.Node("Arm/vm-status.json").AsObject();
        node["id"] = vm.Id;
        node["name"] = vm.Name;
        node["location"] = vm.Location;
        var statuses = node["properties"]!["instanceView"]!["statuses"]!.AsArray();
        statuses[1]!["code"] = "PowerState/" + vm.PowerState;
        statuses[1]!["displayStatus"] = "VM " + vm.PowerState;
        statuses[0]!["time"] = (vm.LastOperation ?? vm.TimeCreated).ToString("o", CultureInfo.InvariantCulture);
        return node;
    }

    private HttpResponseMessage Patch(FakeVm vm, string body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("tags", out var tags))
        {
            // A PATCH with tags replaces the whole set, as ARM does.
            vm.Tags = tags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        }

        return Json(HttpStatusCode.OK, VmJson(vm, false).ToJsonString());
    }

    private HttpResponseMessage StartOperation(FakeVm vm, string kind, string? apiVersion)
    {
        var id = $"op-{++_nextOperation}";
        _operations[id] = new FakeOperation { Vm = vm, Kind = kind, PollsLeft = PollsBeforeDone, FailWith = NextOperationFailsWith };
        NextOperationFailsWith = null;
        var basePath = $"{Host}/subscriptions/{vm.Subscription}/providers/Microsoft.Compute/locations/{vm.Location}/operations/{id}";
        var response = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("") };
        response.Headers.TryAddWithoutValidation("Azure-AsyncOperation", $"{basePath}?p=x&api-version={apiVersion}");
        response.Headers.TryAddWithoutValidation("Location", $"{basePath}?p=x&monitor=true&api-version={apiVersion}");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1");
        return response;
    }

    private HttpResponseMessage Poll(string path, System.Collections.Specialized.NameValueCollection query)
    {
        var id = path.Split('/')[^1];
        if (!_operations.TryGetValue(id, out var operation))
        {
            return Json(HttpStatusCode.NotFound, Payload.Text("Arm/error-not-found.json"));
        }

        if (query["monitor"] == "true")
        {
            // The final GET on the Location URL once the operation is done.
            return new HttpResponseMessage(operation.PollsLeft > 0 ? HttpStatusCode.Accepted : HttpStatusCode.OK) { Content = new StringContent("") };
        }

        if (operation.PollsLeft-- > 0)
        {
            return Json(HttpStatusCode.OK, Payload.Text("Arm/operation-inprogress.json"));
        }

        if (operation.FailWith is not null)
        {
            var failed = Payload.Node("Arm/operation-failed.json");
            failed["error"]!["code"] = operation.FailWith;
            return Json(HttpStatusCode.OK, failed.ToJsonString());
        }

        if (operation.Kind == "deallocate")
        {
            operation.Vm.PowerState = "deallocated";
        }
        else
        {
            Vms.Remove(operation.Vm);
        }

        return Json(HttpStatusCode.OK, Payload.Text("Arm/operation-succeeded.json"));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
