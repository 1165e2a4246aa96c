using Azure.Monitor.OpenTelemetry.Exporter;
using CostGuard.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CostGuard.Functions.Hosting;

/// <summary>
/// OpenTelemetry for traces and metrics: the worker's invocation spans, outgoing HTTP, and the <c>CostGuard</c> meter
/// (<c>costguard.api.requests</c>, <c>costguard.sweeps</c>), exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (locally nothing is exported).
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddCostGuardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(CostGuardMetrics.MeterName))
            .WithTracing(tracing => tracing.AddSource("CostGuard"));
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionSetting]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        return services;
    }
}
