namespace CostGuard.Policies;

/// <summary>Case-insensitive <c>*</c> wildcard matching, as used for instance families and VM sizes.</summary>
public static class Wildcard
{
    public static bool IsMatch(string pattern, string value)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
        }

        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 0)
            {
                if (!value.StartsWith(part, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                position = part.Length;
            }
            else if (i == parts.Length - 1)
            {
                return value.Length - position >= part.Length && value.EndsWith(part, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                var found = value.IndexOf(part, position, StringComparison.OrdinalIgnoreCase);
                if (found < 0)
                {
                    return false;
                }

                position = found + part.Length;
            }
        }

        return true;
    }
}
