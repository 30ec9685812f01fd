#!/usr/bin/env bash
# scenarios.sh [--out FILE] N...  - the suite at many scenarios, run as users run it (./run.sh bench scenarios N...,
# issue 26): for each N, a feature file of N
# generated scenarios (`Given ba-daily config for localhost /etc` / `Then the backup contains at least one file`) in a
# temporary features folder, `./run.sh --features DIR` with its results, histories and restore areas in a temporary
# folder. Measures the wall time, the peak memory summed over every process of the run and per process, the results
# folder's size and whether the Allure report rendered. Prints a Markdown table; --out also appends it to FILE.
#
# The run's processes are found by BACKUP_ACCEPTANCE_RUN_ID in their environment (this script gives run.sh a parent id
# of its own, so every process of the run carries it as a prefix), and by parentage below them (Amanda's servers
# may be started with a clean environment); never by name. ba-daily is the demo configuration: take the flock first
#   flock /tmp/ba-amanda.lock bench/scenarios.sh 100 1000
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=""
counts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    [0-9]*) counts+=("$1"); shift ;;
    *) echo "usage: bench/scenarios.sh [--out FILE] N..." >&2; exit 2 ;;
  esac
done
[ "${#counts[@]}" -gt 0 ] || counts=(100)
work=$(mktemp -d /tmp/ba-scenarios.XXXXXX)
trap 'rm -rf -- "$work"' EXIT

# features N DIR: one feature file of N scenarios, each a distinct title.
features() {
  mkdir -p "$2"
  { echo "Feature: Generated scenarios for the memory benchmark"
    for ((i = 1; i <= $1; i++)); do
      printf '\n  Scenario: /etc holds a file, copy %05d\n    Given ba-daily config for localhost /etc\n    Then the backup contains at least one file\n' "$i"
    done
  } > "$2/generated.feature"
}

# label PID: what a process of the run is, from its command line (several are "dotnet").
label() {
  local cmd; cmd=$(tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline") || cmd=""
  case "$cmd" in
    *vstest.console*) echo vstest.console ;;
    *testhost*) echo testhost ;;
    *MSBuild.dll*|*msbuild*) echo msbuild ;;
    *"dotnet test"*) echo "dotnet test" ;;
    *run.sh*) echo run.sh ;;
    *node*allure*|*allure\ generate*) echo "node (allure)" ;;
    *dotnet\ *.dll*) cmd=${cmd%%.dll*}; echo "dotnet ${cmd##*/}" ;;
    *) cat "/proc/$1/comm" 2>/dev/null || echo gone ;;
  esac
}

# sample PREFIX STOPFILE REPORT: every 0.5 s, the run's processes' VmRSS summed (its peak), and each process's VmHWM
# (its own peak), until STOPFILE exists. No fork per process: /proc is read with bash builtins.
sample() {
  local prefix="$1" stop="$2" report="$3" pid key value env ppid total peak=0 line hosting peak_hosting=0
  declare -A ours=() seen=() hwm=() name=()
  while [ ! -e "$stop" ]; do
    total=0 hosting=0
    for dir in /proc/[0-9]*; do
      pid=${dir#/proc/}
      if [ -z "${seen[$pid]:-}" ]; then
        seen[$pid]=1
        while IFS= read -r -d '' env; do
          [[ "$env" == "BACKUP_ACCEPTANCE_RUN_ID=$prefix"* ]] && { ours[$pid]=1; break; }
        done 2>/dev/null < "$dir/environ" || true
        if [ -z "${ours[$pid]:-}" ] && read -r line 2>/dev/null < "$dir/stat"; then
          set -- ${line##*) }; ppid=$2
          [ -z "${ours[$ppid]:-}" ] || ours[$pid]=1
        fi
        [ -z "${ours[$pid]:-}" ] || name[$pid]=$(label "$pid")
      fi
      [ -n "${ours[$pid]:-}" ] || continue
      [ "${name[$pid]}" != testhost ] || hosting=1
      while read -r key value _; do
        case "$key" in
          VmHWM:) [ "$value" -le "${hwm[$pid]:-0}" ] || hwm[$pid]=$value ;;
          VmRSS:) total=$((total + value)) ;;
        esac
      done 2>/dev/null < "$dir/status" || true
    done
    [ "$total" -le "$peak" ] || peak=$total
    [ "$hosting" = 0 ] || [ "$total" -le "$peak_hosting" ] || peak_hosting=$total
    sleep 0.5
  done
  { echo "peak_total_kib $peak"; echo "peak_hosting_kib $peak_hosting"
    for pid in "${!hwm[@]}"; do echo "process $pid ${hwm[$pid]} ${name[$pid]}"; done
  } > "$report"
}

mib() { echo $(( ($1 + 1023) / 1024 )); }

# yardstick N DIR: the simplest sysadmin script for the same N checks, measured the same way: one amrecover session,
# for each check `setdisk /etc` then `ls` of its root. Prints "WALL_MS PEAK_KIB CHECKS_SET FILE_LINES".
yardstick() {
  local n=$1 dir=$2 prefix t0 wall sampler
  prefix="${BACKUP_ACCEPTANCE_RUN_ID:+$BACKUP_ACCEPTANCE_RUN_ID/}bench-yardstick-$$-$n-$(printf '%08x' "$SRANDOM")"
  mkdir -p "$dir"
  { echo "sethost localhost"; for ((i = 1; i <= n; i++)); do printf 'setdisk /etc\nls\n'; done; echo quit; } > "$dir/commands"
  sample "$prefix" "$dir/stop" "$dir/memory" &
  sampler=$!
  t0=${EPOCHREALTIME//[.,]/}
  env BACKUP_ACCEPTANCE_RUN_ID="$prefix" PAGER=cat TERM=xterm amrecover ba-daily < "$dir/commands" > "$dir/out" 2> "$dir/err" || true
  wall=$(( (${EPOCHREALTIME//[.,]/} - t0) / 1000 ))
  touch "$dir/stop"; wait "$sampler"
  echo "$wall $(awk '/^peak_total_kib/{print $2}' "$dir/memory") $(grep -c '^200 Disk set to' "$dir/out") $(grep -cE '^20[0-9-]+ +[^ ].*[^/]$' "$dir/out")"
}

rows=() yard_rows=()
for n in "${counts[@]}"; do
  run="$work/n$n"
  features "$n" "$run/features"
  # Under the caller's run id when there is one (./run.sh bench): its watchdog covers this run too.
  prefix="${BACKUP_ACCEPTANCE_RUN_ID:+$BACKUP_ACCEPTANCE_RUN_ID/}bench-scenarios-$$-$n-$(printf '%08x' "$SRANDOM")"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  sample "$prefix" "$run/stop" "$run/memory" &
  sampler=$!
  t0=${EPOCHREALTIME//[.,]/}
  rc=0
  env BACKUP_ACCEPTANCE_RUN_ID="$prefix" BACKUP_ACCEPTANCE_RESULTS="$run/results" \
    BACKUP_ACCEPTANCE_ALLURE_HISTORY="$run/history/history.jsonl" BACKUP_ACCEPTANCE_COUNT_HISTORY="$run/history/counts.jsonl" \
    BACKUP_ACCEPTANCE_ESTATE_HISTORY="$run/history/estate.jsonl" BACKUP_ACCEPTANCE_RESTORE_DIR="$run" \
    "$ROOT/run.sh" --features "$run/features" > "$run/run.log" 2>&1 || rc=$?
  wall=$(( (${EPOCHREALTIME//[.,]/} - t0) / 1000 ))
  touch "$run/stop"; wait "$sampler"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  counts_line=$(grep -m1 -E '^[0-9]+ passed, ' "$run/results/summary.txt" 2>/dev/null | sed 's/;.*//') || counts_line="no summary"
  suite_run=$(sed -n 's/^run \([0-9.]*\) s,.*/\1 s/p' "$run/results/summary.txt" 2>/dev/null | head -1)
  peak=$(awk '/^peak_total_kib/{print $2}' "$run/memory")
  peak_hosting=$(awk '/^peak_hosting_kib/{print $2}' "$run/memory")
  # Per kind of process: the largest one's peak, and how many there were.
  per=$(awk '/^process/{k=$4; for (i = 5; i <= NF; i++) k = k " " $i; if ($3 > max[k]) max[k] = $3; n[k]++}
             END{for (k in max) printf "%s %d MiB (%d), ", k, (max[k] + 1023) / 1024, n[k]}' "$run/memory" | sed 's/, $//')
  results_mib=$(( $(du -sb "$run/results" | cut -f1) / 1048576 ))
  allure_mib=$(( $(du -sb "$run/results/allure-results" 2>/dev/null | cut -f1 || echo 0) / 1048576 ))
  if grep -q '^Report: ' "$run/run.log" && [ -s "$run/results/allure-report/index.html" ]; then
    rendered="yes, $(( $(stat -c %s "$run/results/allure-report/index.html") / 1048576 )) MiB index.html"
  else
    rendered="NO: $(grep -m1 -i 'report' "$run/run.log" | cut -c1-120)"
  fi
  read -r y_wall y_peak y_set y_files <<<"$(yardstick "$n" "$run/yardstick")"
  rm -rf -- "$run/yardstick"
  yard_rows+=("| $n | $(awk -v ms="$y_wall" 'BEGIN{printf "%.1f s", ms / 1000}') | $(awk -v ms="$y_wall" -v n="$n" 'BEGIN{printf "%.1f ms", ms / n}') | $(mib "${y_peak:-0}") MiB | $y_set of $n setdisk accepted, $y_files file lines listed |")
  rows+=("| $n | $(awk -v ms="$wall" 'BEGIN{printf "%.0f s", ms / 1000}') | ${suite_run:-?} | $(awk -v ms="$wall" -v n="$n" 'BEGIN{printf "%.0f ms", ms / n}') | $(mib "$peak") MiB ($(mib "$peak_hosting") MiB while the test host ran) | $per | $results_mib MiB ($allure_mib MiB Allure results) | $rendered | $counts_line, exit $rc | $load_before / $load_after |")
  echo "bench: $n scenarios done in $((wall / 1000)) s, peak $(mib "$peak") MiB" >&2
done

table=$(
  echo "\`bench/scenarios.sh ${counts[*]}\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(hostname), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), suite commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" status --porcelain | grep -q . && echo ' (with local changes)')."
  echo
  echo "| scenarios | wall (run.sh, build and report included) | the scenarios alone (summary's run line) | wall per scenario | peak memory, all processes of the run at once (sum of RSS; while the test host ran) | peak RSS per process kind (how many) | results folder | Allure report rendered | summary | load average before / after |"
  echo "|---:|---:|---:|---:|---:|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "The simplest sysadmin script for the same checks, in the same run: one \`amrecover ba-daily\` session fed \`setdisk /etc\` + \`ls\` N times."
  echo
  echo "| checks | wall | per check | peak memory (amrecover and Amanda's servers, sum of RSS) | answers |"
  echo "|---:|---:|---:|---:|---|"
  printf '%s\n' "${yard_rows[@]}"
)
echo "$table"
[ -z "$out" ] || printf '\n%s\n' "$table" >> "$out"
