using System.Globalization;
using System.Security;
using System.Threading;

namespace CostGuard.Aws.Testing;

/// <summary>STS AssumeRole in the shape of CLOUD-WIRE-FORMATS.md §4.2.</summary>
public sealed partial class FakeAwsCloud
{
    private int _sessions;

    private FakeReply AnswerSts(FakeRequest request)
    {
        var form = Form.Parse(request.Body);
        if (form.GetValueOrDefault("Action") != "AssumeRole" || !form.TryGetValue("RoleArn", out var roleArn))
        {
            return new FakeReply(400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>bad request</Message></Error></ErrorResponse>");
        }

        var account = roleArn.Split(':')[4];
        var session = form.GetValueOrDefault("RoleSessionName", string.Empty);
        var n = Interlocked.Increment(ref _sessions);
        var expiration = (Clock() + SessionLifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = Payloads.Read("sts/AssumeRole.xml")
            .Replace("AROAEXAMPLEROLEID0001:costguard-20260115", $"AROAEXAMPLEROLEID0001:{SecurityElement.Escape(session)}", StringComparison.Ordinal)
            .Replace("arn:aws:sts::111122223333:assumed-role/CostGuardReadStop/costguard-20260115", $"arn:aws:sts::{account}:assumed-role/role/{SecurityElement.Escape(session)}", StringComparison.Ordinal)
            .Replace("ASIAIOSFODNN7EXAMPLE", "ASIA" + account, StringComparison.Ordinal)
            .Replace("IQoJb3JpZ2luX2VjEXAMPLETOKEN", $"token-{account}-{n}", StringComparison.Ordinal)
            .Replace("2026-01-15T13:00:00Z", expiration, StringComparison.Ordinal);
        return new FakeReply(200, "text/xml", body);
    }
}
