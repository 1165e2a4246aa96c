using Xunit;

namespace CostGuard.Storage.Testing.Azurite;

/// <summary>
/// xunit fixture: one Azurite for a test class or collection (<c>IClassFixture&lt;AzuriteFixture&gt;</c> or a
/// <c>[CollectionDefinition]</c> with <c>ICollectionFixture&lt;AzuriteFixture&gt;</c> in the test project). When Azurite
/// cannot be found, installed or started, every test using it fails with a message saying how to install it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not running.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync(CancellationToken.None).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    /// <summary>A name unique to one test (tables: letters and digits; containers: lower case), for isolation on one emulator.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
