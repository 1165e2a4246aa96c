namespace CostGuard.Cli.Output.Reports;

/// <summary>One line of a chart: x is a time, y a value; <see cref="Dashed"/> for reference lines such as caps.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(DateTimeOffset X, double Y)> Points, bool Dashed = false);
