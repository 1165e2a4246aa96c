using CostGuard.Ports;
using CostGuard.Storage.Hosting;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CostGuard.Storage.Testing.Contracts.ContractSamples;

namespace CostGuard.Storage.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class AddCostGuardTableStateTests(AzuriteFixture azurite)
{
    [Fact]
    public void Validate_NoStorageSetting_FailsNamingAzureWebJobsStorage()
    {
        using var provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedConnectionString_FailsNamingTheSettingWithoutEchoingTheKey()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=not*base64*secret" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage is not a valid storage connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdentityBasedWithBadAccountNameAndUri_FailsNamingEachSetting()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:accountName"] = "Bad_Name", ["AzureWebJobsStorage:blobServiceUri"] = "not a url" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AzureWebJobsStorage__accountName 'Bad_Name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri 'not a url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdentityBasedAccountName_PassesAndPointsAtTheAccountsEndpoints()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:accountName"] = "costguardstate" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var account = provider.GetRequiredService<StorageAccount>();

        Assert.Equal(new Uri("https://costguardstate.blob.core.windows.net/"), account.Blobs.Uri);
        Assert.Equal(new Uri("https://costguardstate.table.core.windows.net/"), account.Tables.Uri);
    }

    [Fact]
    public async Task AddCostGuardTableState_ConnectionString_ResolvesEveryPortOnOneStorageAccount()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        using var provider = Build(new() { ["AzureWebJobsStorage"] = azurite.ConnectionString }, o => o.TablePrefix = "t" + id);
        provider.GetRequiredService<IStartupValidator>().Validate();

        var health = provider.GetRequiredService<ISweepHealthStore>();
        await health.RecordAsync("p1", "aws", "111122223333", T0, true, null, CancellationToken.None);

        Assert.Same(provider.GetRequiredService<IStateStore>(), provider.GetRequiredService<IAuditLog>());
        Assert.Same(provider.GetRequiredService<IStateStore>(), provider.GetRequiredService<IBillingCache>());
        Assert.NotNull(provider.GetRequiredService<IAccountLock>());
        Assert.NotNull(provider.GetRequiredService<ISweepBudget>());
        Assert.Single(await health.ReadAsync("p1", CancellationToken.None));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<TableStateOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCostGuardTableState(configure);
        return services.BuildServiceProvider();
    }
}
