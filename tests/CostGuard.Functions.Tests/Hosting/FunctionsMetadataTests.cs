using System.Text.Json;

namespace CostGuard.Functions.Hosting;

/// <summary>The functions.metadata the Worker SDK writes next to the app: what the Functions host will actually bind.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Metadata_EveryFunction_HasTheAgreedTriggerScheduleQueueAndRoute()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FindMetadata()));
        var functions = doc.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, Trigger);

        Assert.Equal(["AccountSweep", "AccountSweepPoison", "EventBridgeEvents", "LaunchEvents", "Status", "StatusPage", "SweepScheduler"], functions.Keys.Order());
        Assert.Equal(("queueTrigger", "costguard-events", "AzureWebJobsStorage"), (Type(functions["LaunchEvents"]), Text(functions["LaunchEvents"], "queueName"), Text(functions["LaunchEvents"], "connection")));
        var events = functions["EventBridgeEvents"];
        Assert.Equal(("httpTrigger", "events/aws"), (Type(events), Text(events, "route")));
        Assert.Equal("Anonymous", Text(events, "authLevel"), ignoreCase: true);
        Assert.Equal(["post"], events.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal(("timerTrigger", "%COSTGUARD_SWEEP_SCHEDULE%"), (Type(functions["SweepScheduler"]), Text(functions["SweepScheduler"], "schedule")));
        Assert.Equal(("queueTrigger", "costguard-sweeps", "AzureWebJobsStorage"), (Type(functions["AccountSweep"]), Text(functions["AccountSweep"], "queueName"), Text(functions["AccountSweep"], "connection")));
        Assert.Equal(("queueTrigger", "costguard-sweeps-poison", "AzureWebJobsStorage"), (Type(functions["AccountSweepPoison"]), Text(functions["AccountSweepPoison"], "queueName"), Text(functions["AccountSweepPoison"], "connection")));
        foreach (var (name, route) in new[] { ("Status", "status"), ("StatusPage", "status/page") })
        {
            var http = functions[name];
            Assert.Equal(("httpTrigger", route), (Type(http), Text(http, "route")));
            Assert.Equal("Function", Text(http, "authLevel"), ignoreCase: true);
            Assert.Equal(["get"], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        }
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone();

    private static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;

    private static string Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.ToString() : "(absent)";

    /// <summary>The app's own build output (same configuration as this test build).</summary>
    private static string FindMetadata()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CostGuard.sln")))
            {
                var candidates = Directory.GetFiles(Path.Combine(dir.FullName, "functions", "CostGuard.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories);
                return candidates.FirstOrDefault(c => c.Contains(Path.DirectorySeparatorChar + configuration + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    ?? candidates.FirstOrDefault()
                    ?? throw new FileNotFoundException("functions.metadata not found: build functions/CostGuard.Functions first");
            }
        }

        throw new InvalidOperationException("CostGuard.sln not found");
    }
}
