namespace CostGuard.Aws.Credentials;

/// <summary>
/// Where the guard's base AWS credentials come from when it runs with an Azure managed identity: the role to
/// assume with the identity's Entra token, the token's audience, and the STS region.
/// </summary>
internal sealed record WebIdentitySettings(string RoleArn, string Audience, string Region)
{
    /// <summary>App setting holding the base role's ARN; absent means the standard AWS chain.</summary>
    public const string RoleArnSetting = "COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN";

    /// <summary>App setting holding the token audience (the IAM OIDC provider's client id).</summary>
    public const string AudienceSetting = "COSTGUARD_AWS_WEB_IDENTITY_AUDIENCE";

    /// <summary>The audience Entra uses for workload identity federation.</summary>
    public const string DefaultAudience = "api://AzureADTokenExchange";

    /// <summary>The settings from the environment, or null when no role ARN is configured.</summary>
    public static WebIdentitySettings? From(Func<string, string?> getVariable)
    {
        var roleArn = getVariable(RoleArnSetting)?.Trim();
        if (string.IsNullOrEmpty(roleArn))
        {
            return null;
        }

        if (!roleArn.StartsWith("arn:aws", StringComparison.Ordinal) || !roleArn.Contains(":role/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{RoleArnSetting} '{roleArn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }

        var audience = getVariable(AudienceSetting)?.Trim();
        var region = getVariable("AWS_REGION")?.Trim() is { Length: > 0 } r ? r
            : getVariable("AWS_DEFAULT_REGION")?.Trim() is { Length: > 0 } d ? d
            : "us-east-1";
        return new WebIdentitySettings(roleArn, string.IsNullOrEmpty(audience) ? DefaultAudience : audience, region);
    }

    /// <summary>The token scope for the audience: Entra issues app tokens for <c>{resource}/.default</c>.</summary>
    public string Scope => Audience.EndsWith("/.default", StringComparison.Ordinal) ? Audience : Audience + "/.default";
}
