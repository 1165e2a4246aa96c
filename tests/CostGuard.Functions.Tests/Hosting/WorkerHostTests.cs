using CostGuard.Fanout;
using CostGuard.Functions.Triggers;
using CostGuard.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostGuard.Functions.Hosting;

/// <summary>The real worker host, built (never run): its DI graph and its start-up validation of every setting.</summary>
public sealed class WorkerHostTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["COSTGUARD_SWEEP_SCHEDULE"] = "0 * * * * *",
    };

    [Fact]
    public void Build_ValidSettings_ValidatesAndResolvesEveryTrigger()
    {
        using var host = Build(Valid);

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(ActivatorUtilities.CreateInstance<SweepSchedulerFunction>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<AccountSweepFunction>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<AccountSweepPoisonFunction>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<StatusFunction>(host.Services));
        Assert.NotNull(ActivatorUtilities.CreateInstance<StatusPageFunction>(host.Services));
        Assert.Equal(3, host.Services.GetRequiredService<IOptions<CostGuard.Hosting.GuardOptions>>().Value.UnhealthyAfterFailures);
    }

    [Theory]
    [InlineData("COSTGUARD_SWEEP_SCHEDULE", null)]
    [InlineData("COSTGUARD_SWEEP_SCHEDULE", "every minute")]
    [InlineData("AzureWebJobsStorage", null)]
    [InlineData("COSTGUARD_UNHEALTHY_AFTER_FAILURES", "0")]
    [InlineData("COSTGUARD_UNHEALTHY_AFTER_FAILURES", "three")]
    [InlineData("COSTGUARD_POLICY_CONTAINER", "Policies_Bad")]
    [InlineData("AWS_ENDPOINT_URL_EC2", "ec2.local")]
    [InlineData("COSTGUARD_AZURE_ARM_ENDPOINT", "not a url")]
    public void Build_BadSetting_StartupValidationFailsNamingIt(string setting, string? value)
    {
        var settings = new Dictionary<string, string?>(Valid) { [setting] = value };
        using var host = Build(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnhealthyAfterFailuresSet_IsBound()
    {
        using var host = Build(new Dictionary<string, string?>(Valid) { ["COSTGUARD_UNHEALTHY_AFTER_FAILURES"] = "5" });

        Assert.Equal(5, host.Services.GetRequiredService<IOptions<CostGuard.Hosting.GuardOptions>>().Value.UnhealthyAfterFailures);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = FunctionsHost.CreateBuilder([]);
        // Replace, not add to, whatever the machine's environment holds for these names.
        builder.Configuration.AddInMemoryCollection(settings.Where(p => p.Value is not null));
        foreach (var missing in settings.Where(p => p.Value is null))
        {
            builder.Configuration[missing.Key] = null;
        }

        return builder.Build();
    }
}
