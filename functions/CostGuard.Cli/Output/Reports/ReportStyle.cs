namespace CostGuard.Cli.Output.Reports;

/// <summary>The report's inline stylesheet: system fonts only, so the page renders the same offline.</summary>
internal static class ReportStyle
{
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2433;background:#f6f7f9}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
        .sub{color:#5b6475;margin-bottom:16px}
        .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:12px 16px;min-width:170px}
        .card b{display:block;font-size:22px}.card span{color:#5b6475;font-size:13px}.saved b{color:#17803d}
        .chart{background:#fff;border:1px solid #dde1e8;border-radius:8px;margin:10px 0;padding:8px 10px}
        figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
        svg{width:100%;height:auto}.grid{stroke:#e6e9ef;stroke-width:1}
        .ylab{font-size:11px;fill:#5b6475;text-anchor:end;dominant-baseline:middle}.xlab{font-size:11px;fill:#5b6475;text-anchor:middle}
        .marker{fill:#d62828;stroke:#fff;stroke-width:2}
        .legend{font-size:12px;color:#3b4354;display:flex;gap:16px}.legend i{display:inline-block;width:14px;height:3px;margin-right:5px;vertical-align:middle}
        .legend i.dot{width:10px;height:10px;border-radius:50%;background:#d62828}
        table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}th,td{border:1px solid #dde1e8;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#eef1f5}td.id{word-break:break-all;max-width:320px}td.t{white-space:nowrap;font-variant-numeric:tabular-nums}.empty{color:#5b6475}
        .stop,.terminate{color:#b42318;font-weight:600}.tag,.untag{color:#175cd3}
        """;
}
