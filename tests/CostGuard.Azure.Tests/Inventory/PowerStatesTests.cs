using CostGuard.Fleet;

namespace CostGuard.Azure.Inventory;

public sealed class PowerStatesTests
{
    [Theory]
    [InlineData("running", InstanceState.Running)]
    [InlineData("starting", InstanceState.Pending)]
    [InlineData("stopping", InstanceState.Stopping)]
    [InlineData("stopped", InstanceState.PoweredOff)]
    [InlineData("deallocating", InstanceState.Stopping)]
    [InlineData("deallocated", InstanceState.Stopped)]
    [InlineData("unknown", InstanceState.Pending)]
    public void ToInstanceState_AzurePowerState_MapsBillingCorrectly(string power, InstanceState expected) =>
        Assert.Equal(expected, PowerStates.ToInstanceState(power));

    [Fact]
    public void FromStatusCodes_PowerStateNotFirst_FoundByPrefix() =>
        Assert.Equal("deallocated", PowerStates.FromStatusCodes(["ProvisioningState/succeeded", "PowerState/Deallocated"]));
}
