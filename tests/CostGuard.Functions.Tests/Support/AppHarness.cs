using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CostGuard.Aws.Testing;
using CostGuard.Functions.Hosting;
using CostGuard.Ports;
using CostGuard.Storage.Testing.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CostGuard.Functions.Support;

/// <summary>
/// The Functions app's services as the worker composes them (<see cref="FunctionsServiceCollectionExtensions.AddCostGuardFunctions"/>),
/// pointed at Azurite and the loopback AWS fake, with a fake clock and a recording notifier. Each harness starts from
/// empty storage. <see cref="NewInstance"/> gives a second "Functions instance" over the same storage.
/// </summary>
internal sealed class AppHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configure;

    private AppHarness(AzuriteFixture azurite, FakeTimeProvider time, FakeAwsServer aws, IDictionary<string, string?>? extra, Action<IServiceCollection>? configure)
    {
        _configure = configure;
        Azurite = azurite;
        Time = time;
        Aws = aws;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["COSTGUARD_SWEEP_SCHEDULE"] = "0 * * * * *",
            ["AWS_ENDPOINT_URL"] = aws.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = FakeAwsCloud.BaseAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsCloud.BaseSecretKey,
        };
        foreach (var pair in extra ?? new Dictionary<string, string?>())
        {
            _settings[pair.Key] = pair.Value;
        }
    }

    public AzuriteFixture Azurite { get; }

    public FakeTimeProvider Time { get; }

    public FakeAwsServer Aws { get; }

    public RecordingNotifier Notifier { get; } = new();

    public IServiceProvider Services => _providers[0];

    /// <summary>The audit log on Table Storage, as every instance sees it.</summary>
    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public ISweepHealthStore Health => Services.GetRequiredService<ISweepHealthStore>();

    public QueueClient SweepQueue => new(Azurite.ConnectionString, StorageNames.SweepQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public BlobContainerClient Policies => new(Azurite.ConnectionString, StorageNames.DefaultPolicyContainer);

    /// <summary><paramref name="configure"/> adds test services (options, hooks) to every instance after the app's own.</summary>
    public static async Task<AppHarness> StartAsync(
        AzuriteFixture azurite, FakeTimeProvider time, FakeAwsServer aws, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var harness = new AppHarness(azurite, time, aws, extra, configure);
        await StorageReset.ClearAsync(azurite.ConnectionString);
        harness.NewInstance();
        return harness;
    }

    /// <summary>Another worker instance: its own services and caches, the same storage and state.</summary>
    public IServiceProvider NewInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddCostGuardFunctions();
        services.AddSingleton<IAlertNotifier>(Notifier);
        _configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _providers.Add(provider);
        return provider;
    }

    public T Create<T>(IServiceProvider? instance = null) => ActivatorUtilities.CreateInstance<T>(instance ?? Services);

    public async Task UploadPolicyAsync(string blobName, string json)
    {
        await Policies.CreateIfNotExistsAsync();
        await Policies.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(json), overwrite: true);
    }

    /// <summary>Takes every visible message off the sweep queue (as the trigger would), returning their texts.</summary>
    public async Task<List<string>> DrainQueueAsync()
    {
        var texts = new List<string>();
        if (!(await SweepQueue.ExistsAsync()).Value)
        {
            return texts;
        }

        while (true)
        {
            var batch = (await SweepQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return texts;
            }

            foreach (var message in batch)
            {
                texts.Add(message.MessageText);
                await SweepQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async Task<int> QueueLengthAsync() =>
        (await SweepQueue.ExistsAsync()).Value ? (await SweepQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

    }
}
