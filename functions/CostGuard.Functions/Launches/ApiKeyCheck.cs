using System.Security.Cryptography;
using System.Text;

namespace CostGuard.Functions.Launches;

/// <summary>
/// Compares the request's API key with the configured one in constant time: both are hashed first, so neither the
/// contents nor the length of the secret leak through timing.
/// </summary>
internal static class ApiKeyCheck
{
    public static bool Matches(string? provided, string? expected)
    {
        if (string.IsNullOrEmpty(expected) || provided is null)
        {
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(provided));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
