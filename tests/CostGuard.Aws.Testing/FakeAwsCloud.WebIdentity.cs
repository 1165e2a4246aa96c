using System.Globalization;
using System.Security;
using System.Threading;

namespace CostGuard.Aws.Testing;

/// <summary>
/// STS AssumeRoleWithWebIdentity (protocol query, API 2011-06-15; unsigned: the web identity token is the only
/// credential). Trusts exactly <see cref="WebIdentityToken"/> for <see cref="WebIdentityRoleArn"/>, the way an
/// IAM trust policy pinned to one audience and subject does; anything else is AccessDenied.
/// </summary>
public sealed partial class FakeAwsCloud
{
    private int _webIdentitySessions;

    /// <summary>The only token STS accepts (what the test's Entra token source hands out).</summary>
    public string? WebIdentityToken { get; set; }

    /// <summary>The only role a web identity may assume.</summary>
    public string WebIdentityRoleArn { get; set; } = "arn:aws:iam::999988887777:role/CostGuardEnforcer";

    /// <summary>How long web-identity sessions last (AWS: DurationSeconds, capped by the role's maximum).</summary>
    public TimeSpan WebIdentitySessionLifetime { get; set; } = TimeSpan.FromHours(1);

    private FakeReply AnswerWebIdentity(FakeRequest request)
    {
        var form = Form.Parse(request.Body);
        if (!string.IsNullOrEmpty(request.AccessKey) || request.SecurityToken is not null)
        {
            // The real call carries no AWS signature; a signed one means the client used the wrong credentials.
            return new FakeReply(400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterCombination</Code><Message>AssumeRoleWithWebIdentity is not signed</Message></Error></ErrorResponse>");
        }

        if (form.GetValueOrDefault("Version") != "2011-06-15" || !form.TryGetValue("RoleSessionName", out var session) || !form.TryGetValue("RoleArn", out var roleArn))
        {
            return new FakeReply(400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>bad request</Message></Error></ErrorResponse>");
        }

        if (WebIdentityToken is null || form.GetValueOrDefault("WebIdentityToken") != WebIdentityToken || roleArn != WebIdentityRoleArn)
        {
            return new FakeReply(403, "text/xml", Payloads.Read("sts/Error-AccessDenied.xml"));
        }

        var account = roleArn.Split(':')[4];
        var n = Interlocked.Increment(ref _webIdentitySessions);
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var expiration = (Clock() + WebIdentitySessionLifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = Payloads.Read("sts/AssumeRoleWithWebIdentity.xml")
            .Replace("arn:aws:sts::999988887777:assumed-role/CostGuardEnforcer/costguard", $"arn:aws:sts::{account}:assumed-role/{SecurityElement.Escape(roleName)}/{SecurityElement.Escape(session)}", StringComparison.Ordinal)
            .Replace("AROAEXAMPLEWEBIDENT01:costguard", $"AROAEXAMPLEWEBIDENT01:{SecurityElement.Escape(session)}", StringComparison.Ordinal)
            .Replace("ASIAWEBIDENTEXAMPLE", "ASIA" + account, StringComparison.Ordinal)
            .Replace("IQoJb3JpZ2luX2VjEXAMPLEWEBIDENTITYTOKEN", $"web-{account}-{n}", StringComparison.Ordinal)
            .Replace("2026-01-15T13:00:00Z", expiration, StringComparison.Ordinal);
        return new FakeReply(200, "text/xml", body);
    }
}
