using CostGuard.Json;

namespace CostGuard.Fleet.Loading;

/// <summary>
/// Loads a fleet snapshot file (the offline input of <c>costguard plan</c>; format in policies/samples/README.md),
/// reporting every error with file, JSON path, line and column.
/// </summary>
public static class FleetSnapshotLoader
{
    /// <summary>Reads and validates a snapshot file; an unreadable file is reported as an error, not thrown.</summary>
    public static async Task<FleetSnapshotLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var (bounded, tooLarge) = await BoundedFile.ReadAsync(path, BoundedFile.SnapshotLimit, "snapshot", cancellationToken).ConfigureAwait(false);
            if (bounded is null)
            {
                return new FleetSnapshotLoadResult { Errors = [new SnapshotError(path, "$", 0, 0, tooLarge!)] };
            }

            text = bounded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new FleetSnapshotLoadResult { Errors = [new SnapshotError(path, "$", 0, 0, $"cannot read the snapshot file: {ex.Message}")] };
        }

        return Load(text, path);
    }

    /// <summary>Validates snapshot JSON; <paramref name="displayName"/> is the file name errors carry.</summary>
    public static FleetSnapshotLoadResult Load(string json, string displayName)
    {
        var source = JsonSource.Parse(json);
        if (source.Root is null && source.Issues.Count > 0)
        {
            return new FleetSnapshotLoadResult { Errors = ToErrors(source, source.Issues, displayName) };
        }

        var reader = new SnapshotReader();
        var snapshot = reader.Read(source.Root);
        var issues = source.Issues.Concat(reader.Issues.Where(i => !source.Issues.Any(s => s.Covers(i)))).ToList();
        return issues.Count > 0
            ? new FleetSnapshotLoadResult { Errors = ToErrors(source, issues, displayName) }
            : new FleetSnapshotLoadResult { Snapshot = snapshot };
    }

    private static List<SnapshotError> ToErrors(JsonSource source, IEnumerable<JsonIssue> issues, string file) =>
        issues
            .Select(issue =>
            {
                var position = issue.Position ?? source.PositionOf(issue.Pointer, issue.AtName);
                return new SnapshotError(file, JsonPathText.Format(source.Root, issue.Pointer), position.Line, position.Column, UrlRedactor.Redact(issue.Message));
            })
            .Distinct()
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Column)
            .ToList();
}
