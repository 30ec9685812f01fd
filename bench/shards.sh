#!/usr/bin/env bash
# shards.sh [N_SHARDS] - the shard proof on an estate of many disks: a baseline of the scratch configuration "estate"
# (provision/estate.sh, 200 generated disks) run whole, then in N_SHARDS (default 4) parts one after the other, merged
# with ./run.sh report; the verdict lines must be the same. Writes the figures to docs/bench/shards.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${1:-4}
work=$(mktemp -d /tmp/shards.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
export BACKUP_ACCEPTANCE_ALLURE_HISTORY="$work/history.jsonl"

timed() { local t0=${EPOCHREALTIME//[.,]/}; "$@" >"$work/last.log" 2>&1 || true; echo $(( (${EPOCHREALTIME//[.,]/} - t0) / 1000000 )); }
verdicts() { grep -E '^(PASS|FAIL|BROKEN) |^        ' "$1"; }

"$ROOT/run.sh" baseline estate --out "$work/estate.feature" >/dev/null 2>"$work/baseline.log"
scenarios=$(grep -c '^  Scenario: ' "$work/estate.feature")
whole=$(BACKUP_ACCEPTANCE_RESULTS="$work/whole" timed "$ROOT/run.sh" --features "$work/estate.feature" --quiet)
parts=()
for ((i = 1; i <= N; i++)); do
  parts+=("$(BACKUP_ACCEPTANCE_RESULTS="$work/shard-$i" timed "$ROOT/run.sh" --features "$work/estate.feature" --shard "$i/$N" --quiet)")
done
BACKUP_ACCEPTANCE_RESULTS="$work/merged" "$ROOT/run.sh" report "$work"/shard-* >/dev/null 2>&1 || true
if diff <(verdicts "$work/whole/summary.txt") <(verdicts "$work/merged/summary.txt") >/dev/null; then same=yes; else same=NO; fi
sizes=$(for ((i = 1; i <= N; i++)); do grep -cE '^(PASS|FAIL|BROKEN) ' "$work/shard-$i/summary.txt"; done | paste -sd/)
{
  echo "# Shards on an estate of many disks"
  echo
  echo "\`bench/shards.sh $N\` on $(date -u +%Y-%m-%d), $(nproc) cores: a baseline of the scratch configuration"
  echo "\`estate\` (provision/estate.sh) run whole, then in $N parts one after the other, merged with \`./run.sh report\`."
  echo
  echo "| | scenarios | wall time |"
  echo "|---|---|---|"
  echo "| whole run | $scenarios | ${whole} s |"
  for ((i = 1; i <= N; i++)); do echo "| part $i/$N | $(grep -cE '^(PASS|FAIL|BROKEN) ' "$work/shard-$i/summary.txt") | ${parts[$((i - 1))]} s |"; done
  echo
  echo "- Whole: $(grep -m1 -E '^[0-9]+ passed, ' "$work/whole/summary.txt")"
  echo "- Merged: $(grep -m1 -E '^[0-9]+ passed, ' "$work/merged/summary.txt")"
  echo "- Same verdict lines, scenario by scenario: **$same** (parts of $sizes scenarios)."
  echo "- The parts ran one after the other on one machine; on N runners they run at once, each taking its own time."
} > "$ROOT/docs/bench/shards.md"
cat "$ROOT/docs/bench/shards.md"
[ "$same" = yes ]
