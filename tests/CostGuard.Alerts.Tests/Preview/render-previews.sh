#!/usr/bin/env bash
# Regenerates the alert pictures in .github/docs/alerts/ (needs headless Chromium: apt-get install -y chromium,
# and fonts-noto-color-emoji for the emoji). The HTML pages come from the test
# PreviewRenderingTests.WritePreviews_AllMessageTypes_WritesHtmlPagesForScreenshots, which captures what the
# notifier really posts (for a real decision-engine plan) on a loopback server and renders it as Slack/Teams would.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$(pwd)
out="$root/.github/docs/alerts"
mkdir -p "$out"

dotnet test tests/CostGuard.Alerts.Tests --filter "FullyQualifiedName~WritePreviews_AllMessageTypes" >/dev/null
previews="$root/tests/CostGuard.Alerts.Tests/bin/Debug/net10.0/previews"
chrome() { chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars "$@" 2>/dev/null; }

width=860
for page in slack-single slack-digest teams-single teams-digest; do
  # First pass measures the page height (a copy with a measuring script), second pass takes the picture at that size.
  measure=$(mktemp --suffix=.html)
  sed 's|</body>|<script>document.body.setAttribute("data-h", document.documentElement.scrollHeight)</script></body>|' \
    "$previews/$page.html" > "$measure"
  height=$(chrome --window-size=$width,400 --dump-dom "file://$measure" | grep -o 'data-h="[0-9]*"' | grep -o '[0-9]*')
  rm -f "$measure"
  chrome --window-size=$width,"${height:-1200}" --screenshot="$out/$page.png" "file://$previews/$page.html"
  echo "$page.png ${width}x${height:-1200}"
done
