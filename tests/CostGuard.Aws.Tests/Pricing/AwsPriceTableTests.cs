using CostGuard.Policies;

namespace CostGuard.Aws.Pricing;

public sealed class AwsPriceTableTests
{
    [Fact]
    public void LoadShipped_HasSourceDateAndEveryDefaultFamilyWithAPriceSomewhere()
    {
        var table = AwsPriceTable.LoadShipped();

        Assert.False(string.IsNullOrWhiteSpace(table.Source));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", table.Retrieved);
        Assert.Contains("p4d", table.KnownFamilies);
        Assert.Contains("g6e", table.KnownFamilies);
        Assert.All(table.KnownFamilies, f => Assert.True(new GpuSelector().IsGpu(CloudKind.Aws, f + ".xlarge"), $"{f} is not a default GPU family"));
    }

    [Fact]
    public void Lookup_UnknownRegion_IsNullNotGuessed()
    {
        Assert.Null(AwsPriceTable.LoadShipped().Lookup("ap-south-2", "g5.xlarge", null));
    }

    [Fact]
    public void Lookup_ExplicitRateIgnoresDiscount()
    {
        var overrides = new PricingOverrides { DiscountPercent = 50, UsdPerHour = new Dictionary<string, decimal> { ["G5.XLARGE"] = 0.7m } };

        Assert.Equal(0.7m, AwsPriceTable.LoadShipped().Lookup("us-east-1", "g5.xlarge", overrides));
        Assert.Equal(0.503m, AwsPriceTable.LoadShipped().Lookup("us-east-1", "g5.xlarge", overrides with { UsdPerHour = new Dictionary<string, decimal>() }));
    }
}
