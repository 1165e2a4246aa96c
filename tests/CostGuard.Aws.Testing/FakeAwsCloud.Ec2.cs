using System.Globalization;
using System.Security;
using System.Text;

namespace CostGuard.Aws.Testing;

/// <summary>EC2 (Query protocol, XML) in the shapes of CLOUD-WIRE-FORMATS.md §1.</summary>
public sealed partial class FakeAwsCloud
{
    private const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private FakeReply AnswerEc2(FakeRequest request)
    {
        var form = Form.Parse(request.Body);
        if (form.GetValueOrDefault("Version") != "2016-11-15")
        {
            return Ec2Error(400, "InvalidParameterValue", "missing or wrong Version");
        }

        var account = AccountOf(request.AccessKey);
        return form.GetValueOrDefault("Action") switch
        {
            "DescribeInstances" => DescribeInstances(form, account, request.SigningRegion),
            "StopInstances" => ChangeState(form, account, request.SigningRegion, "StopInstances", "stopping", 64),
            "TerminateInstances" => ChangeState(form, account, request.SigningRegion, "TerminateInstances", "shutting-down", 32),
            "CreateTags" => Tags(form, account, request.SigningRegion, create: true),
            "DeleteTags" => Tags(form, account, request.SigningRegion, create: false),
            var other => Ec2Error(400, "InvalidAction", $"The action {other} is not valid for this web service."),
        };
    }

    private FakeReply DescribeInstances(Dictionary<string, string> form, string account, string region)
    {
        var filters = new List<(string Name, List<string> Values)>();
        for (var i = 1; form.TryGetValue($"Filter.{i}.Name", out var name); i++)
        {
            filters.Add((name, Form.List(form, $"Filter.{i}.Value")));
        }

        var maxResults = form.TryGetValue("MaxResults", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 1000;
        if (maxResults is < 5 or > 1000)
        {
            return Ec2Error(400, "InvalidParameterValue", "MaxResults must be between 5 and 1000");
        }

        var compiled = filters.Select(f => (f.Name, f.Values, Patterns: f.Values.Select(Glob).ToList())).ToList();
        var matching = Instances
            .Where(x => x.Account == account && x.Region == region && compiled.All(f => Matches(x, f.Name, f.Values, f.Patterns)))
            .OrderBy(x => x.Id, StringComparer.Ordinal)
            .ToList();
        var offset = form.TryGetValue("NextToken", out var token) ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var page = matching.Skip(offset).Take(Math.Min(maxResults, Ec2PageLimit)).ToList();
        var next = offset + page.Count < matching.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;

        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse xmlns=\"{Ec2Ns}\">\n  <requestId>{Guid.NewGuid()}</requestId>\n  <reservationSet>\n");
        foreach (var x in page)
        {
            xml.Append(CultureInfo.InvariantCulture, $"    <item>\n      <reservationId>r-{x.Id[2..]}</reservationId>\n      <ownerId>{x.Account}</ownerId>\n      <groupSet/>\n      <instancesSet>\n        <item>\n");
            xml.Append(CultureInfo.InvariantCulture, $"          <instanceId>{x.Id}</instanceId>\n          <imageId>ami-0123456789abcdef0</imageId>\n");
            xml.Append(CultureInfo.InvariantCulture, $"          <instanceState><code>{StateCode(x.State)}</code><name>{x.State}</name></instanceState>\n");
            xml.Append(CultureInfo.InvariantCulture, $"          <instanceType>{x.Type}</instanceType>\n          <launchTime>{x.LaunchTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'.000Z'}</launchTime>\n");
            xml.Append(CultureInfo.InvariantCulture, $"          <placement>\n            <availabilityZone>{region}a</availabilityZone>\n            <groupName/>\n            <tenancy>default</tenancy>\n          </placement>\n");
            xml.Append("          <monitoring><state>disabled</state></monitoring>\n");
            if (x.Spot)
            {
                xml.Append("          <instanceLifecycle>spot</instanceLifecycle>\n");
            }

            if (x.Tags.Count == 0)
            {
                xml.Append("          <tagSet/>\n");
            }
            else
            {
                xml.Append("          <tagSet>\n");
                foreach (var (key, value) in x.Tags)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"            <item><key>{SecurityElement.Escape(key)}</key><value>{SecurityElement.Escape(value)}</value></item>\n");
                }

                xml.Append("          </tagSet>\n");
            }

            xml.Append("        </item>\n      </instancesSet>\n    </item>\n");
        }

        xml.Append("  </reservationSet>\n");
        if (next is not null)
        {
            xml.Append(CultureInfo.InvariantCulture, $"  <nextToken>{next}</nextToken>\n");
        }

        xml.Append("</DescribeInstancesResponse>");
        return new FakeReply(200, "text/xml;charset=UTF-8", xml.ToString());
    }

    private FakeReply ChangeState(Dictionary<string, string> form, string account, string region, string op, string newState, int code)
    {
        var ids = Form.List(form, "InstanceId");
        var targets = new List<FakeInstance>();
        foreach (var id in ids)
        {
            if (!_instances.TryGetValue(id, out var x) || x.Account != account || x.Region != region)
            {
                return Ec2Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
            }

            targets.Add(x);
        }

        var xml = new StringBuilder($"<{op}Response xmlns=\"{Ec2Ns}\">\n  <requestId>{Guid.NewGuid()}</requestId>\n  <instancesSet>\n");
        foreach (var x in targets)
        {
            var previous = x.State;
            x.State = newState;
            xml.Append(CultureInfo.InvariantCulture, $"    <item>\n      <instanceId>{x.Id}</instanceId>\n      <currentState><code>{code}</code><name>{newState}</name></currentState>\n      <previousState><code>{StateCode(previous)}</code><name>{previous}</name></previousState>\n    </item>\n");
        }

        xml.Append(CultureInfo.InvariantCulture, $"  </instancesSet>\n</{op}Response>");
        return new FakeReply(200, "text/xml;charset=UTF-8", xml.ToString());
    }

    private FakeReply Tags(Dictionary<string, string> form, string account, string region, bool create)
    {
        var ids = Form.List(form, "ResourceId");
        foreach (var id in ids)
        {
            if (!_instances.TryGetValue(id, out var x) || x.Account != account || x.Region != region)
            {
                return Ec2Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
            }

            for (var i = 1; form.TryGetValue($"Tag.{i}.Key", out var key); i++)
            {
                if (create)
                {
                    x.Tags[key] = form.GetValueOrDefault($"Tag.{i}.Value", string.Empty);
                }
                else
                {
                    x.Tags.Remove(key);
                }
            }
        }

        var op = create ? "CreateTags" : "DeleteTags";
        return new FakeReply(200, "text/xml;charset=UTF-8", $"<{op}Response xmlns=\"{Ec2Ns}\"><requestId>{Guid.NewGuid()}</requestId><return>true</return></{op}Response>");
    }

    private static bool Matches(FakeInstance x, string filter, List<string> values, List<System.Text.RegularExpressions.Regex> patterns) => filter switch
    {
        "instance-type" => patterns.Any(p => p.IsMatch(x.Type)),
        "instance-state-name" => values.Contains(x.State),
        "instance-id" => values.Contains(x.Id),
        _ => true,
    };

    private static System.Text.RegularExpressions.Regex Glob(string pattern) =>
        new("^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");

    private static int StateCode(string state) => state switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        _ => 80,
    };

    public static FakeReply Ec2Error(int status, string code, string message) => new(
        status,
        "text/xml;charset=UTF-8",
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error></Errors><RequestID>{Guid.NewGuid()}</RequestID></Response>");
}
