using System.Collections.Concurrent;

namespace CostGuard.Aws.Testing;

/// <summary>The fake cloud's state: instances, metrics, costs, and the clock STS expirations follow.</summary>
public sealed partial class FakeAwsCloud
{
    /// <summary>The access key of the base (standard chain) credentials in tests.</summary>
    public const string BaseAccessKey = "AKIDEXAMPLE";

    public const string BaseSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private readonly ConcurrentDictionary<string, FakeInstance> _instances = new(StringComparer.Ordinal);

    public FakeAwsCloud(Func<DateTimeOffset> clock)
    {
        Clock = clock;
    }

    public Func<DateTimeOffset> Clock { get; }

    /// <summary>The account the base credentials belong to (the management account).</summary>
    public string BaseAccount { get; set; } = "999988887777";

    public List<FakeCost> Costs { get; } = [];

    /// <summary>How long STS sessions last.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>DescribeInstances pages never hold more than this many reservations (AWS may return fewer than asked).</summary>
    public int Ec2PageLimit { get; set; } = 1000;

    /// <summary>Cost Explorer groups per page.</summary>
    public int CostPageSize { get; set; } = 5000;

    public IEnumerable<FakeInstance> Instances => _instances.Values;

    public FakeInstance Add(FakeInstance instance)
    {
        _instances[instance.Id] = instance;
        return instance;
    }

    public FakeInstance Get(string id) => _instances[id];

    public FakeReply Answer(FakeRequest request) => request.Service switch
    {
        // Unsigned, so no signing service to route on: the form's Action says what it is.
        _ when request.Operation == "AssumeRoleWithWebIdentity" => AnswerWebIdentity(request),
        "ec2" => AnswerEc2(request),
        "sts" => AnswerSts(request),
        "monitoring" => AnswerCloudWatch(request),
        "ce" => AnswerCostExplorer(request),
        _ => new FakeReply(400, "text/plain", $"unknown signing service '{request.Service}'"),
    };

    /// <summary>The account an access key belongs to: STS keys are <c>ASIA&lt;account&gt;</c>.</summary>
    public string AccountOf(string accessKey) =>
        accessKey.StartsWith("ASIA", StringComparison.Ordinal) && accessKey.Length == 16 ? accessKey[4..] : BaseAccount;
}
