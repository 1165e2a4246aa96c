using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Storage;

/// <summary>One Azurite for every storage test class of this assembly; each test isolates itself by unique names.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
