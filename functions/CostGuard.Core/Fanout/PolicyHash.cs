using System.Security.Cryptography;
using System.Text;

namespace CostGuard.Fanout;

/// <summary>The content hash that names a policy version: lower-case hex SHA-256 of the blob's UTF-8 text.</summary>
public static class PolicyHash
{
    public static string Of(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
