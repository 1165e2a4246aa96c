using CostGuard.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

namespace CostGuard.Functions;

/// <summary>Builds the worker host; Program runs it, tests build it (never run it) to check DI and settings validation.</summary>
public static class FunctionsHost
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCostGuardTelemetry(builder.Configuration);
        builder.Services.AddCostGuardFunctions();
        return builder;
    }
}
