using CostGuard.Ports;
using CostGuard.State.Contracts;
using CostGuard.State.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostGuard.State.Hosting;

public sealed class AddCostGuardSqliteStateTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public void Validate_StateFileIsADirectory_FailsNamingTheSetting()
    {
        using var provider = Build(new() { ["COSTGUARD_STATE_FILE"] = Path.GetTempPath() });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("COSTGUARD_STATE_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StateFileUnderAFile_FailsNamingTheSetting()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var provider = Build(new() { ["COSTGUARD_STATE_FILE"] = Path.Combine(file, "state.db") });

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

            Assert.Contains("COSTGUARD_STATE_FILE", error.Message, StringComparison.Ordinal);
            Assert.Contains("is a file, not a folder", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AddCostGuardSqliteState_SettingThenConfigure_ConfigureWinsAndEveryPortSharesTheFile()
    {
        using var provider = Build(new() { ["COSTGUARD_STATE_FILE"] = "/nonexistent-should-be-overridden/state.db" }, o => o.Path = _file.Path);
        provider.GetRequiredService<IStartupValidator>().Validate();

        await provider.GetRequiredService<ISweepHealthStore>().RecordAsync("p1", "aws", "111122223333", DateTimeOffset.UnixEpoch, true, null, CancellationToken.None);
        await provider.GetRequiredService<ISweepBudget>().ClaimAsync("p1@x", "aws:1", 3, 2, CancellationToken.None);
        await provider.GetRequiredService<IAuditLog>().AppendAsync([], CancellationToken.None);

        Assert.Same(provider.GetRequiredService<IStateStore>(), provider.GetRequiredService<IAlertLedger>());
        Assert.True(File.Exists(_file.Path));
        var reopened = await SqliteSweepHealthStore.OpenAsync(_file.Path, CancellationToken.None);
        Assert.Single(await reopened.ReadAsync(null, CancellationToken.None));
    }

    [Fact]
    public void AddCostGuardSqliteState_NoSetting_UsesTheDefaultPath()
    {
        using var provider = Build([]);

        Assert.Equal(SqliteStateStore.DefaultPath(), provider.GetRequiredService<IOptions<SqliteStateOptions>>().Value.Path);
    }

    public void Dispose() => _file.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<SqliteStateOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCostGuardSqliteState(configure);
        return services.BuildServiceProvider();
    }
}
