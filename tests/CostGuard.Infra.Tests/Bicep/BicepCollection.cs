namespace CostGuard.Infra.Bicep;

/// <summary>One lint/build of the templates shared by every Bicep test class (each CLI run costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<BicepBuildFixture>
{
    public const string Name = "bicep";
}
