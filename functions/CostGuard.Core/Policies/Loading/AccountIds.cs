using System.Text.RegularExpressions;

namespace CostGuard.Policies.Loading;

/// <summary>
/// Shapes of account ids, regions and setting names, shared by the policy and snapshot loaders. Every pattern ends
/// in <c>\z</c>: .NET's <c>$</c> also matches before a final newline, which let <c>"us-east-1\n"</c> through.
/// </summary>
internal static partial class AccountIds
{
    public const string AwsExample = "111122223333";
    public const string AzureExample = "00000000-0000-0000-0000-000000000000";

    public static bool IsAws(string id) => AwsId().IsMatch(id);

    public static bool IsAzure(string id) => Guid().IsMatch(id);

    public static bool IsAny(string id) => IsAws(id) || IsAzure(id);

    public static bool IsGuid(string id) => Guid().IsMatch(id);

    public static bool IsAwsRegion(string region) => AwsRegion().IsMatch(region);

    public static bool IsRoleArn(string arn) => RoleArn().IsMatch(arn);

    public static bool IsSettingName(string name) => SettingName().IsMatch(name);

    /// <summary>What is wrong with <paramref name="id"/> for <paramref name="cloud"/> ("aws"/"azure"), or null when it is fine.</summary>
    public static string? Problem(string cloud, string id) => cloud switch
    {
        "aws" when !IsAws(id) => $"\"{id}\" is not an AWS account id: expected exactly 12 digits, e.g. \"{AwsExample}\"",
        "azure" when !IsAzure(id) => $"\"{id}\" is not an Azure subscription id: expected a GUID such as \"{AzureExample}\"",
        _ => null,
    };

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AwsId();

    [GeneratedRegex(@"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+\z")]
    private static partial Regex AwsRegion();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+\z")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:-]{0,127}\z")]
    private static partial Regex SettingName();
}
