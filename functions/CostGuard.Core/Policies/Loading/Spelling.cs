namespace CostGuard.Policies.Loading;

/// <summary>Suggests the field a person probably meant ("windw" → "window").</summary>
internal static class Spelling
{
    /// <summary>Same name ignoring case, or one edit apart (two for names longer than four letters, where two typos are common).</summary>
    public static bool IsLikelyTypo(string candidate, string typed) =>
        string.Equals(candidate, typed, StringComparison.OrdinalIgnoreCase)
        || EditDistance(candidate.ToLowerInvariant(), typed.ToLowerInvariant()) <= (typed.Length > 4 ? 2 : 1);

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
