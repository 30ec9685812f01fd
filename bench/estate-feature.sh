#!/usr/bin/env bash
# estate-feature.sh N... - the per-disk side of ./run.sh bench estate: the baseline feature of every disk of the
# scratch configuration "estate" (./run.sh baseline estate: one scenario per disk, freshness, a level 0, at least 90%
# of today's files, the top-level paths), cut to the first N disks' scenarios, run by the suite (./run.sh --features).
# Appends its rows to docs/bench/estate.md, which the estate benchmark (EstateBench) wrote just before.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/docs/bench/estate.md"
work=$(mktemp -d /tmp/estate-feature.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
export BACKUP_ACCEPTANCE_ALLURE_HISTORY="$work/history.jsonl" BACKUP_ACCEPTANCE_COUNT_HISTORY="$work/counts.jsonl"
now() { echo "${EPOCHREALTIME//[.,]/}"; }
secs() { local d=$(( $(now) - $1 )); printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000)); }
load() { cut -d' ' -f1 /proc/loadavg; }

t0=$(now)
"$ROOT/run.sh" baseline estate --out "$work/all.feature" >/dev/null 2>"$work/baseline.log" || true
[ -s "$work/all.feature" ] || { echo "estate-feature: ./run.sh baseline estate wrote nothing, see:"; cat "$work/baseline.log"; exit 2; }
baseline_time=$(secs "$t0")
{
  echo
  echo "## A baseline feature of every disk"
  echo
  echo "\`./run.sh baseline estate\` wrote one scenario per disk in ${baseline_time} s (load $(load)). Its first N disks' scenarios"
  echo "(the estate scenario left out), run by the suite: \`./run.sh --features FILE --quiet\`, the whole of it timed (the"
  echo "build check and the test host's start included), and the suite's own \"run\" line (its wall time and the time it"
  echo "waited on amrecover). The (s) column is the one-session script's time on the same N disks, from the table above."
  echo
  echo "| N disks | scenarios | failed (the hollow disks) | wall (s), whole run | ms a disk | suite's own line | load avg before → after |"
  echo "|---:|---:|---|---:|---:|---|---|"
} >> "$OUT"
for n in "$@"; do
  # Paragraph mode: the feature's header, then one block per disk; a disk's block names /srv/fixtures/eNNN.
  awk -v n="$n" 'BEGIN { RS = ""; ORS = "\n\n" }
    NR == 1 { print; next }
    /every disk of/ { next }
    match($0, /\/srv\/fixtures\/e[0-9]+/) { if (substr($0, RSTART + 15, RLENGTH - 15) + 0 <= n) print }' \
    "$work/all.feature" > "$work/first-$n.feature"
  scenarios=$(grep -c '^  Scenario: ' "$work/first-$n.feature")
  before=$(load); t0=$(now)
  BACKUP_ACCEPTANCE_RESULTS="$work/run-$n" "$ROOT/run.sh" --features "$work/first-$n.feature" --quiet >"$work/run-$n.log" 2>&1 || true
  wall=$(secs "$t0")
  failed=$(grep -E '^(FAIL|BROKEN) ' "$work/run-$n/summary.txt" 2>/dev/null | grep -oE 'e[0-9]+' | sort -u | paste -sd' ' || true)
  line=$(grep -m1 '^run ' "$work/run-$n/summary.txt" 2>/dev/null || echo "no summary: see the run's log")
  ms=$(awk -v w="$wall" -v n="$n" 'BEGIN { printf "%.1f", w * 1000 / n }')
  echo "| $n | $scenarios | ${failed:-none} | $wall | $ms | $line | $before → $(load) |" >> "$OUT"
  echo "estate-feature: $n disks: $wall s, failed: ${failed:-none}"
done
