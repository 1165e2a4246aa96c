using CostGuard.Storage.Testing.Azurite;

namespace CostGuard.Functions.Support;

/// <summary>One Azurite for every test of the app; the tests of the collection run one after another and each starts from empty storage.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "functions-azurite";
}
