using CostGuard.Fleet;
using CostGuard.Policies;
using CsCheck;

namespace CostGuard.Properties;

/// <summary>Random fleets for engine properties: GPU and non-GPU types, exempt or not, busy or idle, any state.</summary>
internal static class RandomFleet
{
    public const string Account = "111122223333";

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 30, 0, TimeSpan.Zero);

    public static readonly string[] GpuTypes = ["g5.xlarge", "p4d.24xlarge", "g4dn.xlarge"];

    public static readonly string[] OtherTypes = ["m5.large", "c6i.xlarge"];

    /// <summary>Kind 0 idle, 1 busy, 2 exempt (idle metrics), 3 non-GPU (idle metrics), 4 orphan (no owner, idle).</summary>
    public static readonly Gen<InstanceSnapshot> Instance =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], Gen.OneOf(InstanceState.Running, InstanceState.Running, InstanceState.Pending, InstanceState.Stopped),
                Gen.Int[10, 600], Gen.Double[0, 4.9], Gen.Double[5.1, 100], Gen.Bool)
            .Select((kind, type, state, ageMinutes, idleGpu, busyGpu, missingSome) =>
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (kind != 4)
                {
                    tags["owner"] = "team";
                }

                if (kind == 2)
                {
                    tags["costguard:exempt-until"] = "2026-11-27T12:00:00Z";
                }

                var gpu = kind == 1 ? busyGpu : idleGpu;
                var launched = Now.AddMinutes(-ageMinutes);
                var samples = Enumerable.Range(0, 13)
                    .Select(i => Now.AddMinutes(-60 + (5 * i)))
                    .Where(t => t >= launched)
                    .Select((t, i) => new UtilizationSample(t, kind != 1 && missingSome && i % 3 == 0 ? null : gpu, kind == 1 ? 50 : 1))
                    .ToList();
                return new InstanceSnapshot
                {
                    Cloud = CloudKind.Aws,
                    Account = Account,
                    Region = "us-east-1",
                    Id = $"i-{kind}",
                    Type = kind == 3 ? OtherTypes[type % OtherTypes.Length] : GpuTypes[type],
                    State = state,
                    LaunchTime = launched,
                    Tags = tags,
                    UsdPerHour = 1.0m + type,
                    Samples = samples,
                };
            });

    /// <summary>Ids end with the kind (<c>i-007-2</c> is exempt), so properties can tell what each instance is.</summary>
    public static readonly Gen<List<InstanceSnapshot>> Fleet =
        Instance.List[0, 25].Select(list => list.Select((x, i) => x with { Id = $"i-{i:D3}-{x.Id[2..]}" }).ToList());

    public static Policy Policy(decimal? burnCap, int? maxActions) => new()
    {
        Name = "property",
        Mode = PolicyMode.Enforce,
        Accounts = [new AccountScope { Cloud = CloudKind.Aws, Id = Account, Regions = ["us-east-1"] }],
        Gpu = new GpuSelector { AwsInstanceFamilies = ["g5", "p4d", "g4dn"] },
        Idle = new IdleRule { Window = TimeSpan.FromMinutes(30), GpuUtilBelow = 5 },
        Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromHours(1) },
        Exemptions = new ExemptionRule { Tag = "costguard:exempt-until", MaxDuration = TimeSpan.FromDays(7) },
        SpendCap = burnCap is { } cap ? new SpendCapRule { MaxHourlyBurnUsd = cap } : null,
        Safety = maxActions is { } max ? new SafetyRule { MaxActionsPerSweep = max } : null,
    };

    public static FleetSnapshot Snapshot(List<InstanceSnapshot> instances) => new()
    {
        Accounts = [new AccountSnapshot { Cloud = CloudKind.Aws, Id = Account, Instances = instances }],
    };
}
