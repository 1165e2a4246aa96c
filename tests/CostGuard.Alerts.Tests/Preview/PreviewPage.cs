namespace CostGuard.Alerts.Tests.Preview;

/// <summary>The HTML page around a preview, with CSS approximating Slack's and Teams' light themes.</summary>
internal static class PreviewPage
{
    public const string SlackCss = """
        body { font-family: 'Lato', 'Helvetica Neue', Arial, sans-serif; background: #fff; color: #1d1c1d; margin: 0; padding: 24px; }
        .slack-message { display: flex; gap: 10px; max-width: 760px; }
        .avatar { width: 36px; height: 36px; border-radius: 6px; background: #2eb67d; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
        .content { flex: 1; font-size: 15px; line-height: 1.46; }
        .meta .app { font-weight: 900; margin-right: 4px; }
        .meta .badge { background: #e8e8e8; color: #616061; font-size: 10px; font-weight: 700; padding: 1px 3px; border-radius: 2px; margin-right: 6px; }
        .meta .time { color: #616061; font-size: 12px; }
        .header { font-size: 18px; font-weight: 900; margin: 6px 0 4px; }
        .section { margin: 6px 0; }
        .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 24px; margin-top: 6px; }
        .context { color: #616061; font-size: 13px; margin: 6px 0; }
        .context .sep { display: inline-block; width: 12px; }
        .divider { border: 0; border-top: 1px solid #dddddd; margin: 10px 0; }
        code { background: #f6f6f6; border: 1px solid #e1e1e1; border-radius: 3px; color: #e01e5a; font-size: 12px; padding: 0 3px; }
        .actions { margin: 8px 0; }
        .button { display: inline-block; border: 1px solid #bbbabb; border-radius: 4px; padding: 3px 12px; font-size: 13px; font-weight: 700; color: #1d1c1d; text-decoration: none; }
        .fallback { max-width: 760px; margin-top: 18px; padding: 8px 10px; background: #f8f8f8; border-left: 4px solid #ccc; color: #555; font-size: 12px; white-space: pre-wrap; }
        .fallback span { font-weight: 700; }
        """;

    public const string TeamsCss = """
        body { font-family: 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; background: #f5f5f5; color: #242424; margin: 0; padding: 24px; }
        .teams-post { display: flex; gap: 10px; max-width: 820px; }
        .avatar { width: 32px; height: 32px; border-radius: 50%; background: #5b5fc7; color: #fff; font-weight: 600; display: flex; align-items: center; justify-content: center; flex: none; }
        .post { flex: 1; background: #fff; border-radius: 6px; padding: 10px 14px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
        .meta { font-size: 12px; color: #616161; margin-bottom: 8px; }
        .meta .app { font-weight: 600; color: #242424; margin-right: 6px; }
        .meta .via { margin-right: 6px; }
        .card { border: 1px solid #e0e0e0; border-radius: 4px; padding: 14px 16px; font-size: 14px; line-height: 1.43; }
        .tb { margin: 6px 0; }
        .tb.bold { font-weight: 600; }
        .tb.size-medium { font-size: 17px; }
        .tb.size-small { font-size: 12px; }
        .tb.subtle { color: #616161; }
        .tb.tight { margin-top: 0; }
        .tb.color-attention { color: #c4314b; }
        .tb.color-warning { color: #835c00; }
        .facts { border-collapse: collapse; margin: 6px 0; }
        .facts th { text-align: left; font-weight: 600; padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; }
        .facts td { padding: 2px 0; }
        .container.separator { border-top: 1px solid #e0e0e0; margin-top: 10px; padding-top: 6px; }
        .actions { margin-top: 12px; }
        .button { display: inline-block; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; font-size: 14px; font-weight: 600; color: #242424; text-decoration: none; }
        code { font-family: Consolas, monospace; background: #f0f0f0; padding: 0 3px; }
        """;

    public static string Wrap(string title, string body, string css) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{HtmlText.Escape(title)}</title><style>{css}</style></head>
        <body>{body}</body></html>
        """;
}
