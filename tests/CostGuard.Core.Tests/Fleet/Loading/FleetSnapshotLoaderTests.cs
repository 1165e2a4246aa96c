using CostGuard.Fleet;
using CostGuard.Fleet.Loading;
using CostGuard.Policies;

namespace CostGuard.Fleet.Loading;

public sealed class FleetSnapshotLoaderTests
{
    private const string Valid = """
        {
          // comments are fine
          "accounts": [
            {
              "cloud": "aws", "id": "111122223333", "monthToDateUsd": 29.999, "spendAsOf": "2026-11-26T11:00:00+01:00",
              "instances": [
                {
                  "id": "i-1", "region": "us-east-1", "type": "p4d.24xlarge", "state": "powered-off",
                  "launchTime": "2026-11-26T08:00:00Z", "tags": { "owner": "alice" }, "usdPerHour": 32.7726, "spot": true,
                  "samples": [
                    { "time": "2026-11-26T12:00:00Z", "gpu": null, "cpu": 3 },
                    { "time": "2026-11-26T11:55:00Z", "gpu": 4.5 }
                  ]
                }
              ],
              "dailyUsage": [ { "day": "2026-11-25", "spendUsd": 100.10, "activeUsers": 2, "spendByUser": { "alice": 60, "": 40.10 } } ]
            }
          ]
        }
        """;

    [Fact]
    public void Load_ValidSnapshot_MapsEveryField()
    {
        var result = FleetSnapshotLoader.Load(Valid, "s.json");

        Assert.Empty(result.Errors);
        var account = Assert.Single(result.Snapshot!.Accounts);
        Assert.Equal(CloudKind.Aws, account.Cloud);
        Assert.Equal(29.999m, account.MonthToDateUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), account.SpendAsOf);
        var instance = Assert.Single(account.Instances);
        Assert.Equal(("111122223333", CloudKind.Aws), (instance.Account, instance.Cloud));
        Assert.Equal(InstanceState.PoweredOff, instance.State);
        Assert.Equal(32.7726m, instance.UsdPerHour);
        Assert.True(instance.Spot);
        Assert.Equal("alice", instance.Tag("owner"));
        Assert.Equal(
            [new UtilizationSample(new DateTimeOffset(2026, 11, 26, 11, 55, 0, TimeSpan.Zero), 4.5, null), new UtilizationSample(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), null, 3)],
            instance.Samples);
        var day = Assert.Single(account.DailyUsage);
        Assert.Equal(new DateOnly(2026, 11, 25), day.Day);
        Assert.Equal(40.10m, day.SpendByUser[""]);
    }

    [Fact]
    public void Load_TimeWithoutZone_IsRejectedWithPosition()
    {
        var json = """
            { "accounts": [ { "cloud": "aws", "id": "111122223333", "instances": [
              { "id": "i-1", "region": "us-east-1", "type": "g5.xlarge", "state": "running", "launchTime": "2026-11-26T08:00:00" }
            ] } ] }
            """;

        var result = FleetSnapshotLoader.Load(json, "s.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.accounts[0].instances[0].launchTime", error.Path);
        Assert.Equal((2, 96), (error.Line, error.Column));
        Assert.Contains("with a zone", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Snapshot);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOne()
    {
        var json = """
            {
              "accounts": [
                { "cloud": "gcp", "id": "x", "instances": [] },
                { "cloud": "azure", "id": "111122223333", "instances": [
                  { "id": "vm", "region": "eastus", "type": "Standard_NC6", "state": "sleeping", "launchTime": "2026-11-26T08:00:00Z",
                    "usdPerHour": -1, "colour": "red", "samples": [ { "time": "2026-11-26T08:00:00Z", "gpu": 140 } ] },
                  { "id": "vm", "region": "eastus", "type": "Standard_NC6", "state": "running", "launchTime": "2026-11-26T08:00:00Z" }
                ] }
              ]
            }
            """;

        var result = FleetSnapshotLoader.Load(json, "s.json");

        Assert.Equal(
            [
                "$.accounts[0].cloud", "$.accounts[1].id", "$.accounts[1].instances[0].state", "$.accounts[1].instances[0].usdPerHour",
                "$.accounts[1].instances[0].colour", "$.accounts[1].instances[0].samples[0].gpu", "$.accounts[1].instances[1].id",
            ],
            result.Errors.Select(e => e.Path));
        Assert.All(result.Errors, e => Assert.Equal("s.json", e.File));
        Assert.Equal(7, result.Errors.Single(e => e.Path.EndsWith(".id", StringComparison.Ordinal) && e.Path.Contains("instances", StringComparison.Ordinal)).Line);
    }

    [Fact]
    public void Load_BadJson_GivesLineAndColumn()
    {
        var error = Assert.Single(FleetSnapshotLoader.Load("{\n  \"accounts\": [\n    }\n", "s.json").Errors);

        Assert.Equal((3, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Load_NumberBeyondDecimalRange_IsOneError()
    {
        var json = """{ "accounts": [ { "cloud": "aws", "id": "111122223333", "monthToDateUsd": 1e400, "instances": [] } ] }""";

        var error = Assert.Single(FleetSnapshotLoader.Load(json, "s.json").Errors);

        Assert.Equal("$.accounts[0].monthToDateUsd", error.Path);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingAccounts_IsRejected()
    {
        var error = Assert.Single(FleetSnapshotLoader.Load("{}", "s.json").Errors);

        Assert.Equal("$.accounts", error.Path);
    }

    [Fact]
    public async Task LoadFileAsync_ShippedSample_IsValidAndCoversTheTeamPolicyAccounts()
    {
        var result = await FleetSnapshotLoader.LoadFileAsync(RepositoryRoot.Combine("policies", "samples", "fleet-snapshot.json"), CancellationToken.None);

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        var snapshot = result.Snapshot!;
        Assert.Equal(["111122223333", "444455556666", "00000000-0000-0000-0000-000000000000"], snapshot.Accounts.Select(a => a.Id));
        Assert.Equal(2, snapshot.Accounts.Count(a => a.Cloud == CloudKind.Aws));
        Assert.Equal(2, snapshot.Accounts.Where(a => a.Cloud == CloudKind.Aws).SelectMany(a => a.Instances).Select(i => i.Region).Distinct().Count());
        Assert.All(snapshot.Accounts.SelectMany(a => a.Instances), i => Assert.Equal(i.Samples.OrderBy(s => s.Time), i.Samples));
    }
}
