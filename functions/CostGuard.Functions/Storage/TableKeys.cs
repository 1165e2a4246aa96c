namespace CostGuard.Functions.Storage;

/// <summary>
/// Table keys may not contain <c>/ \ # ?</c> or control characters; policy and blob names may. Escaping the whole
/// value keeps keys unique and readable in Storage Explorer.
/// </summary>
internal static class TableKeys
{
    public static string Escape(string value) => Uri.EscapeDataString(value);

    public static string Account(string cloud, string account) => Escape($"{cloud}:{account.ToUpperInvariant()}");
}
