#!/usr/bin/env bash
# What a policy change does, as Markdown: validates every policy changed between two commits and replays
# each one, against its previous version, over every sample trace.
#   usage: policy-check.sh BASE_SHA HEAD_SHA OUT.md
# Runs anywhere with git and the .NET SDK (GitHub Actions runs it from policy-check.yml). Sets the step
# output invalid=true when a policy does not validate (the report says which and why).
set -uo pipefail
base=$1 head=$2 out=$3
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build functions/CostGuard.Cli -c Release -o "$work/cli" -v quiet -nologo >&2 || { echo "build failed" >&2; exit 1; }
costguard() { dotnet "$work/cli/costguard.dll" "$@"; }

# Policies are the JSON files under policies/ except the schema, the price tables and the sample snapshot.
is_policy() {
  case "$1" in
    policies/schema/*|policies/prices/*|policies/samples/fleet-snapshot.json) return 1 ;;
    policies/*.json|policies/*/*.json) return 0 ;;
    *) return 1 ;;
  esac
}

mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" "$head" -- policies)
mapfile -t deleted < <(git diff --name-only --diff-filter=D "$base" "$head" -- policies)
mapfile -t traces < <(ls policies/samples/traces/*.csv.gz policies/samples/traces/*.csv 2>/dev/null | sort)
invalid=false

{
  echo "## CostGuard policy check"
  echo
  echo "Compared \`${base:0:7}\` (before) with \`${head:0:7}\` (this pull request) on the sample traces in \`policies/samples/traces\`."
  echo
} > "$out"

for file in "${deleted[@]}"; do
  is_policy "$file" && echo "- \`$file\` is **removed**: its accounts lose this guard." >> "$out"
done

checked=0
for file in "${changed[@]}"; do
  is_policy "$file" || continue
  checked=$((checked + 1))
  echo "### \`$file\`" >> "$out"
  if ! costguard validate "$file" > "$work/validate.txt" 2>&1; then
    invalid=true
    { echo; echo "**Invalid**: nothing was simulated."; echo; echo '```'; cat "$work/validate.txt"; echo '```'; echo; } >> "$out"
    continue
  fi

  # The policy before the change; a new policy is compared with no guard at all.
  baseline="$work/baseline.json"
  if ! git show "$base:$file" > "$baseline" 2>/dev/null || ! costguard validate "$baseline" > /dev/null 2>&1; then
    echo '{ "name": "no-guard", "mode": "dry-run" }' > "$baseline"
    { echo; echo "New policy (or the previous version did not validate): compared with no guard."; } >> "$out"
  fi

  for trace in "${traces[@]}"; do
    echo >> "$out"
    if ! costguard simulate --policy "$file" --baseline-policy "$baseline" --trace "$trace" --markdown >> "$out" 2> "$work/simulate.txt"; then
      { echo "Simulating on \`$(basename "$trace")\` failed:"; echo '```'; tail -n 20 "$work/simulate.txt"; echo '```'; } >> "$out"
    fi
  done
  echo >> "$out"
done

if [ "$checked" -eq 0 ]; then
  echo "No policy files changed (schema, price tables or samples only)." >> "$out"
fi

[ -n "${GITHUB_OUTPUT:-}" ] && echo "invalid=$invalid" >> "$GITHUB_OUTPUT"
exit 0
