#!/usr/bin/env bash
# run.sh - BackupAcceptance's front door: check real Amanda backups against the Gherkin expectations in
# features/, provision the local demo Amanda, or run the project's own tests. See ./run.sh --help.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Anything here that fails unforeseen is the suite's own trouble, never a backup fault: exit 2, not set -e's 1
# (bash has already said what failed and on which path). Deliberate exit codes leave through exit, never return.
# Said once: not again by a subshell's parent, nor after a status 2 (a die in a subshell, which has said why).
trap 'status=$?; [ "$BASH_SUBSHELL" -gt 0 ] || [ "$status" = 2 ] || printf "run.sh: stopped at line %s: %s failed; the suite could not go on (exit 2)\n" "$LINENO" "$BASH_COMMAND" >&2; exit 2' ERR

usage() {
  cat <<'EOF'
Usage:
  ./run.sh [--features DIR_OR_FILE] [--tags EXPR] [--shard I/N] [--quiet] [--format nagios] [-- DOTNET_TEST_ARGS...]
      Build and run the backup acceptance suite against the Amanda reachable from this host,
      print a one-screen summary (each scenario, pass/fail and why) and exit non-zero when any
      expectation fails. amrecover must run as root (or set BACKUP_ACCEPTANCE_COMMAND_PREFIX).
  ./run.sh demo [--features ...] [--tags ...]
      Provision the local demo Amanda (provision/amanda-demo.sh: installs amanda-server and
      amanda-client, writes the 'ba-daily' config, fixture disks, runs amdump), then run the suite.
  ./run.sh test [--all]
      Provision the demo Amanda and run the project's own tests (unit, Reqnroll glue, and
      integration tests against the real fixture) with BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1, so a
      missing Amanda fails instead of skipping. Leaves out the slow integration tests (category
      Slow: whole-disk walks and restores, sharded runs) and those that run the whole program under a
      fault (category WholeRun: ./run.sh, the release, provisioning); see docs/tests.md. --all runs
      them too (CI).
  ./run.sh bench [--sample N] [CONFIG HOST DISK]...
      Walks the demo's big disk and each disk named in every way side by side, in one run: one amrecover per
      directory (the first N=100, extrapolated), one session with absolute cd + ls (a short script), the suite's
      walker, the suite's default path. Prints the table and writes it to docs/bench/results.md; exit 1 when two
      ways disagree on a count.
  ./run.sh bench scenarios [N]...
      Runs ./run.sh on N (default 100) generated scenarios of ba-daily's /etc, each N in turn: wall time, peak memory
      of every process of the run (summed, and per process), results folder size, whether the report rendered.
      Appends the table to docs/bench/scenarios.md. Take the demo's lock: flock /tmp/ba-amanda.lock ./run.sh bench ...
  ./run.sh bench estate [--disks 300,1000] [--sessions 1,2,3]
      The whole scratch estate (provision/estate.sh N) checked on its first N disks: a one-session script side by
      side with the suite's estate step and with a baseline feature of every disk. Writes docs/bench/estate.md;
      exit 1 when two ways disagree on the bad disks.
  ./run.sh bench restic [--rounds 5] [REPOSITORY HOST PATH]...
      The suite's core on a restic subject (the demo's good fixture unless named) side by side with a short
      script (restic ls --long, grep). Writes docs/bench/restic.md; exit 1 when they count different files.
  ./run.sh baseline CONFIG [HOST] [--out FILE] [--force] [--keep PERCENT] [--drift PERCENT] [--paths N]
      Writes a feature file with one scenario per disk of a live configuration, from its dumps now: freshness
      from the config's dumpcycle, at least KEEP% (90) of today's file count, within DRIFT% (10) of the previous
      dump, the first N (3) top-level paths; tags @config:CONFIG and @host:HOST. Deterministic; never overwrites
      without --force; what the dumps already break is written anyway, with a warning. Exit 2 when nothing written.
  ./run.sh report [--quiet] [--format nagios] DIR...
      Merges the results folders of a sharded run (each from ./run.sh --shard I/N, copied to one machine) into
      results/: one summary, one Allure report with the history, and the exit code of the whole run.
  ./run.sh evidence
      Packs the last run (results/: summary, JUnit, TRX, log, Allure results with every transcript, the HTML report)
      into evidence/backup-acceptance-evidence-HOST-TIME.tar.gz with RUN.txt (run time, host, Amanda version, suite
      commit, features fingerprint) and MANIFEST.sha256 of every file; BACKUP_ACCEPTANCE_EVIDENCE_DIR moves it.
  ./run.sh mutate [ID...]
      The mutation check (tests/mutations/): breaks each rule that decides pass or fail on purpose
      (mutations.tsv), builds, and runs the tests that must notice; fails when any mutation survives.
      The controls mutations need the demo Amanda (./run.sh demo or ./run.sh test first). About 15 min.
  ./run.sh package [--out DIR] [--version VERSION]
      Builds a release: dist/backup-acceptance-VERSION-linux-x64.tar.gz, the suite and the console programs published
      self-contained (no .NET SDK, no Node on the server), this front door, and install.sh (/opt/backup-acceptance, the
      backup-acceptance command; features in /etc/backup-acceptance/features, results and histories in
      /var/lib/backup-acceptance). See docs/install.md. An installed release runs: run, baseline, report, evidence.
  ./run.sh --help

Options:
  --features DIR_OR_FILE  feature files to run: a directory (searched recursively) or one .feature
                          file, anywhere on disk (default: features/ of this repository)
  --tags EXPR             select scenarios by tag: '@etc', '@etc and not @slow', '@a or @b',
                          parentheses allowed; a raw dotnet test filter ('TestCategory=etc') too
  --shard I/N             run the I-th of N deterministic parts (all scenarios of one disk in one part), for
                          N runners; merge their results folders with ./run.sh report
  --quiet, -q             for cron: print nothing when every scenario passed (exit 0); else only what failed or
                          broke, the counts and the report's path
  --format nagios         for Nagios/Icinga (NRPE, check_by_ssh): print only the plugin line, 'BACKUP ACCEPTANCE
                          CRITICAL - 1 of 17 scenarios failed: ... | perfdata', and exit 0 OK, 2 CRITICAL (a backup
                          fault), 3 UNKNOWN (could not check, nothing ran, interrupted) (docs/monitoring.md)
  -- ARGS                 passed to 'dotnet test' unchanged

Environment (each also a key of the settings file, e.g. command_timeout = 90; docs/settings.md):
  BACKUP_ACCEPTANCE_SETTINGS              the settings file run.sh reads first (key = value lines); a missing default
                                          file is fine, a missing named one is an error (default:
                                          /etc/backup-acceptance/settings.conf)
  BACKUP_ACCEPTANCE_FEATURES              feature files to run: a folder (searched recursively) or one .feature file;
                                          --features overrides it (default: features/ of this repository)
  BACKUP_ACCEPTANCE_AMRECOVER             the amrecover program (default: amrecover on PATH)
  BACKUP_ACCEPTANCE_COMMAND_PREFIX        words before amrecover, e.g. 'sudo -n' on a runner that is not root (default:
                                          none)
  BACKUP_ACCEPTANCE_INDEX_SERVER          amrecover -s: the index server (default: amanda-client.conf's index_server)
  BACKUP_ACCEPTANCE_TAPE_SERVER           amrecover -t: the tape server (default: amanda-client.conf's tape_server)
  BACKUP_ACCEPTANCE_COMMAND_TIMEOUT       seconds one amrecover command may take (default: 60)
  BACKUP_ACCEPTANCE_EXTRACT_STALL         seconds a restore's extract may read no data (default: 120)
  BACKUP_ACCEPTANCE_EXTRACT_TIMEOUT       seconds each step of a restore's extract may take in all (default: 3600)
  BACKUP_ACCEPTANCE_WALK_TIMEOUT          seconds one whole walk of a disk may take (default: no limit)
  BACKUP_ACCEPTANCE_RUN_TIMEOUT           seconds the whole run may take (at most 30 days); then it stops as on Ctrl-C
                                          (default: no limit)
  BACKUP_ACCEPTANCE_RESTORE_DIR           where private restore areas are made (default: TMPDIR, else /tmp)
  BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB the largest whole-disk restore, in MiB before compression; a larger one is
                                          refused before it starts (default: 10240)
  BACKUP_ACCEPTANCE_DATA_CHECK_TIMEOUT    seconds a command on restored data may take (at most a day) (default: 300)
  BACKUP_ACCEPTANCE_INDEX_FILES           auto: count whole dumps from the index files, and read an estate from the
                                          catalogue and index files (amrecover confirming a sample and every bad disk),
                                          when this machine is the Amanda server and may read them; off: always through
                                          amrecover (default: auto)
  BACKUP_ACCEPTANCE_WALK_SESSIONS         amrecover sessions a walk may use (default: 3)
  BACKUP_ACCEPTANCE_HOST_SESSIONS         amrecover sessions at once per configuration and host, moved between its disks
                                          (docs/performance.md: on 2 cores, 2 were faster for the estate step, 4 for one
                                          scenario per disk) (default: 4)
  BACKUP_ACCEPTANCE_CACHE                 on: keep each dump's count in $XDG_CACHE_HOME/backup-acceptance
                                          (~/.cache/backup-acceptance); off: count every time (default: on)
  BACKUP_ACCEPTANCE_RESULTS               where results go: summary.txt, TRX, logs, Allure; one run at a time per folder
                                          (a second run is refused, exit 2, with the holder's PID) (default: results/)
  BACKUP_ACCEPTANCE_RESULTS_GROUP         a group that may read the results, reports and history (0640/0750, setgid
                                          folders) (default: the user alone (0600/0700))
  BACKUP_ACCEPTANCE_SEED                  replays the random choices of a run (the seed is printed) (default: a new one
                                          each run)
  BACKUP_ACCEPTANCE_ALLURE_CONFIG         another allure-config.json (default: the repository's allure-config.json)
  BACKUP_ACCEPTANCE_ALLURE_HISTORY        where the report's history is kept (default: allure-history/history.jsonl)
  BACKUP_ACCEPTANCE_COUNT_HISTORY         where each disk's file counts are kept across runs (the count plots) (default:
                                          allure-history/counts.jsonl)
  BACKUP_ACCEPTANCE_ESTATE_HISTORY        where each disk's verdicts are kept across runs (the estate page) (default:
                                          allure-history/estate.jsonl)
  BACKUP_ACCEPTANCE_ESTATE_NIGHTS         the nights the estate page shows (results/estate.html) (default: 14)
  BACKUP_ACCEPTANCE_EVIDENCE_DIR          where ./run.sh evidence writes its archive (default: evidence/)
  BACKUP_ACCEPTANCE_PROMETHEUS_TEXTFILE   a copy of the Prometheus textfile for node_exporter's textfile collector, e.g.
                                          /var/lib/prometheus/node-exporter/backup_acceptance.prom (mode 0644) (default:
                                          results/backup_acceptance.prom only)

Exit codes (for cron and monitoring): 0 every scenario passed; 1 a backup expectation failed (a backup fault, FAIL);
2 the suite could not check (only BROKEN results: Amanda unreachable, unknown config, host or disk, a broken feature
file, restore area full; or nothing ran, the build failed, the test host died, bad usage; or the suite's own trouble,
said in one sentence that names the path: the results folder or history unwritable, full, read-only, not a folder, or
in a folder another user owns or may write; another run holding the results folder; the report not rendered);
130 interrupted (Ctrl-C, SIGTERM, BACKUP_ACCEPTANCE_RUN_TIMEOUT): the results written are partial. Nothing a run
starts outlives it: a watchdog kills what is left of a run whose run.sh or test host died (a SIGKILL included).

Results: results/summary.txt (the summary), results/summary.json and results/backup_acceptance.prom (for
monitoring), results/junit.xml (a backup fault a <failure>, could not check an <error>) and results/*.trx (for CI; with
GITHUB_STEP_SUMMARY set, a Markdown summary is added there), results/dotnet-test.log,
results/allure-results (Allure results) and results/allure-report/index.html (the HTML report, one file;
history kept in allure-history/ so trends show from the second run; BACKUP_ACCEPTANCE_ALLURE_HISTORY moves it).
All readable by the user alone unless BACKUP_ACCEPTANCE_RESULTS_GROUP names a group; a results folder is emptied
only when run.sh made it (its .backup-acceptance-results marker), else the run is refused (exit 2).
EOF
}

die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

# shellcheck source=run.d/processes.sh
source "$ROOT/run.d/processes.sh"
# shellcheck source=run.d/results.sh
source "$ROOT/run.d/results.sh"
# shellcheck source=run.d/report.sh
source "$ROOT/run.d/report.sh"
# shellcheck source=run.d/outputs.sh
source "$ROOT/run.d/outputs.sh"
# shellcheck source=run.d/settings.sh
source "$ROOT/run.d/settings.sh"

# The settings file under the environment, once, before anything reads a setting (docs/settings.md).
# Not for the demo, the project's tests, the benchmark, the mutation check or a package build: they make their own
# places, and a site's file (its results, its Prometheus textfile) must not receive the demo's failing controls.
early_format "$@"   # --format nagios: even a bad settings file is one UNKNOWN line (run.d/outputs.sh)
case "${1:-}" in -h|--help|help|demo|test|bench|mutate|package) ;; *) load_settings ;; esac
# shellcheck source=run.d/layout.sh
source "$ROOT/run.d/layout.sh"
# shellcheck source=run.d/package.sh
source "$ROOT/run.d/package.sh"
release_defaults   # after the settings file: an installed release: the site's features, results and histories outside it (run.d/layout.sh)
# A path the user gives is relative to the folder run.sh was started in: made absolute here, once, before anything
# reads it. dotnet test starts the suite in a folder of its own (src/BackupAcceptance.Suite/bin/...), where a relative
# BACKUP_ACCEPTANCE_RESULTS=shards/shard-1 would land otherwise, and the run would find no summary where it looks.
absolute_path() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "${1#./}" ;; esac; }
for setting in BACKUP_ACCEPTANCE_RESULTS BACKUP_ACCEPTANCE_ALLURE_HISTORY BACKUP_ACCEPTANCE_COUNT_HISTORY BACKUP_ACCEPTANCE_ESTATE_HISTORY \
  BACKUP_ACCEPTANCE_EVIDENCE_DIR BACKUP_ACCEPTANCE_RESTORE_DIR BACKUP_ACCEPTANCE_ALLURE_CONFIG BACKUP_ACCEPTANCE_FEATURES; do
  [ -z "${!setting:-}" ] || export "$setting=$(absolute_path "${!setting}")"
done
# amrecover's path only when it names a file by a relative path (a bare name is looked up on PATH).
case "${BACKUP_ACCEPTANCE_AMRECOVER:-}" in ""|/*) ;; */*) export BACKUP_ACCEPTANCE_AMRECOVER="$PWD/$BACKUP_ACCEPTANCE_AMRECOVER" ;; esac
RESULTS="${BACKUP_ACCEPTANCE_RESULTS:-$ROOT/results}"

# stop_suite SESSION TIMES: the first time, SIGTERM to the test host of dotnet test's session (the suite stops in
# order on it), or to the whole session while it still builds; the second time, SIGKILL to the whole session.
stop_suite() {
  [ -n "$1" ] || return 0
  if [ "${2:-1}" -ge 2 ]; then
    echo "run.sh: stopping now (second interrupt): the results are cut short" >&2
    pkill -KILL -s "$1" 2>/dev/null || true
    return 0
  fi
  echo "run.sh: stopping: the checks in flight end as Interrupted, the report is still written (Ctrl-C again: stop now)" >&2
  pkill -TERM -s "$1" -f "$(suite_process_pattern)" 2>/dev/null || kill -TERM -- "-$1" 2>/dev/null || true
}

# Cucumber-style tag expression -> dotnet test filter over NUnit categories (tags become categories).
tags_to_filter() {
  local expr="$1" out="" token
  if [[ "$expr" == *"="* || "$expr" == *"~"* ]]; then printf '%s' "$expr"; return; fi
  expr="${expr//(/ ( }"; expr="${expr//)/ ) }"
  local negate=0
  for token in $expr; do
    case "$token" in
      and) out+="&" ;;
      or) out+="|" ;;
      not) negate=1 ;;
      "(") [ "$negate" = 1 ] && die "--tags: 'not (...)' cannot be expressed as a dotnet test filter; negate each tag"
           out+="(" ;;
      ")") out+=")" ;;
      @*) local tag="${token#@}"
          [[ "$tag" =~ ^[A-Za-z0-9_.:-]+$ ]] || die "--tags: unsupported tag '$token'"
          if [ "$negate" = 1 ]; then out+="TestCategory!=$tag"; negate=0; else out+="TestCategory=$tag"; fi ;;
      *) die "--tags: expected @tag, and, or, not or parentheses, got '$token'" ;;
    esac
  done
  [ -n "$out" ] || die "--tags: empty expression"
  printf '%s' "$out"
}

require_dotnet() {
  in_release && return 0   # a release runs its own published programs
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not found on PATH)"
}

# amrecover refuses to run as anyone but root; say so before a run full of identical failures.
require_root_or_prefix() {
  if [ "$(id -u)" != 0 ] && [ -z "${BACKUP_ACCEPTANCE_COMMAND_PREFIX:-}" ]; then
    die "amrecover must run as root: run as root, or set BACKUP_ACCEPTANCE_COMMAND_PREFIX='sudo -n'"
  fi
}

provision() {
  [ "$(id -u)" = 0 ] || die "provisioning the demo Amanda needs root"
  # Not the run's: the daemons the packages' scripts start (amanda's, a restarted inetd) must not be the watchdog's to
  # kill when the run ends. So provisioning's own long jobs are not killed with the run either (run.sh waits for them).
  env -u BACKUP_ACCEPTANCE_RUN_ID "$ROOT/provision/amanda-demo.sh"
  # The demo restic repository beside it (features/restic.feature, the restic controls).
  env -u BACKUP_ACCEPTANCE_RUN_ID "$ROOT/provision/restic-demo.sh"
}

# restic takes its password from its own variables only. When none is set and the demo repository is here, the demo's
# password file is used: the demo's restic scenarios then run as they are; a site sets its own and this stays out.
demo_restic_password() {
  local demo=/var/lib/backup-acceptance/restic-demo/password
  [ -z "${RESTIC_PASSWORD_FILE:-}${RESTIC_PASSWORD:-}${RESTIC_PASSWORD_COMMAND:-}" ] && [ -r "$demo" ] || return 0
  export RESTIC_PASSWORD_FILE="$demo"
}

# Sums the counters of every TRX in the results directory into one plain closing line.
closing_line() {
  local passed=0 failed=0 skipped=0 trx counters total executed
  for trx in "$RESULTS"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    skipped=$((skipped + ${total:-0} - ${executed:-0}))
  done
  printf 'total: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
}

# verdict_code SUMMARY DOTNET_RC: the exit code for cron and monitoring, from the summary's count line. 1: a backup
# expectation failed (whatever else happened); 2: the suite could not check (a broken result, nothing ran, no summary,
# or dotnet test failed with every scenario passed); 0: every scenario passed.
verdict_code() {
  local counts passed failed broken
  counts=$(grep -m1 -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ broken' "$1" 2>/dev/null) || { echo 2; return; }
  read -r passed failed broken <<<"$(sed -E 's/^([0-9]+) passed, ([0-9]+) failed, ([0-9]+) broken.*/\1 \2 \3/' <<<"$counts")"
  if [ "$failed" -gt 0 ]; then echo 1
  elif [ "$broken" -gt 0 ] || [ "$passed" = 0 ] || [ "$2" != 0 ]; then echo 2
  else echo 0; fi
}

# note_failure_outside_scenarios SUMMARY DOTNET_RC: dotnet test failed although no scenario did (a feature file that
# does not parse, a failing hook): said in the summary as a BROKEN line, so --quiet, the step summary and a merge of
# shards see it too, not only the exit code.
note_failure_outside_scenarios() {
  [ -s "$1" ] && [ "$2" != 0 ] || return 0
  grep -qE '^[0-9]+ passed, 0 failed, 0 broken' "$1" || return 0
  grep -q '^INTERRUPTED: ' "$1" && return 0
  local counts; counts=$(grep -m1 -E '^[0-9]+ passed, 0 failed, 0 broken' "$1")
  { printf 'BROKEN dotnet test / outside the scenarios\n'
    printf '        Suite defect: dotnet test exited %s with no scenario failed: a feature file that could not be loaded or a failing hook (see dotnet-test.log)\n' "$2"
    sed 's/, 0 broken/, 1 broken/' <<<"$counts"
  } >> "$1"
  sed -i "0,/^${counts%%;*}/{/^${counts%%;*}/d}" "$1"
}

# --quiet: only what failed or broke (each with its reason lines), the counts and an interruption.
print_failures() {
  awk '/^(FAIL|BROKEN) /{show=1; print; next} /^        /{if (show) print; next} {show=0}
       /^[0-9]+ passed, /||/^INTERRUPTED: /{print}' "$1"
}

# show_progress PID FILE: while the run lives, the suite's progress line (the walks in flight) on the terminal, in place.
show_progress() {
  local line shown=""
  while kill -0 "$1" 2>/dev/null; do
    line=$(cat "$2" 2>/dev/null) || line=""
    if [ "$line" != "$shown" ]; then printf '\r\033[K%s' "${line:0:$(( ${COLUMNS:-100} - 1 ))}"; shown=$line; fi
    sleep 1
  done
  [ -z "$shown" ] || printf '\r\033[K'
}

# On GitHub Actions: the run's counts and every failed or broken scenario with its reason, as Markdown on the job page.
write_step_summary() {
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$1" ] || return 0
  {
    echo "## Backup acceptance"
    echo
    echo "**$(grep -m1 -E '^[0-9]+ passed, ' "$1" | sed 's/;.*//')**"
    grep -q '^INTERRUPTED: ' "$1" && echo && echo "> $(grep -m1 '^INTERRUPTED: ' "$1")"
    if grep -qE '^(FAIL|BROKEN) ' "$1"; then
      echo
      echo "| verdict | scenario | why |"
      echo "|---|---|---|"
      awk 'function row() { if (v != "") { gsub(/\|/, "\\|", s); gsub(/\|/, "\\|", r); print "| " v " | " s " | " r " |" }; v = "" }
           /^(FAIL|BROKEN) /{row(); v=$1; s=$0; sub(/^(FAIL|BROKEN) +/, "", s); r=""; next}
           /^        / && v != "" && r == "" {r=$0; sub(/^ +/, "", r); next}
           {row()} END{row()}' "$1"
    fi
    echo
    echo "Report: results/allure-report/index.html (in the job's artifacts)"
  } >> "$GITHUB_STEP_SUMMARY"
}

# step_summary SUMMARY: write_step_summary, whose failure (a job page that cannot be appended to) is said and returns
# 1, never the ERR trap's exit 2: the caller makes it 2 only when nothing worse (a FAIL: 1) was found.
step_summary() {
  write_step_summary "$1" && return 0
  echo "run.sh: the job's step summary $GITHUB_STEP_SUMMARY could not be written (see above)" >&2
  return 1
}

run_suite() {
  local features="" tags="" extra=() quiet=0 shard=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --features) [ $# -ge 2 ] || die "--features needs a directory or a .feature file"; features="$2"; shift 2 ;;
      --tags) [ $# -ge 2 ] || die "--tags needs an expression"; tags="$2"; shift 2 ;;
      --quiet|-q) quiet=1; shift ;;
      --format) [ $# -ge 2 ] || die "--format needs text or nagios"; use_format "$2"; shift 2 ;;
      --shard) [ $# -ge 2 ] || die "--shard needs I/N, e.g. 2/4"; shard="$2"; shift 2
               [[ "$shard" =~ ^([0-9]+)/([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 1 ] \
                 && [ "${BASH_REMATCH[1]}" -le "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[2]}" -le 1000 ] \
                 || die "--shard: '$shard' is not I/N with 1 <= I <= N <= 1000" ;;
      --) shift; extra=("$@"); break ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown argument: $1" ;;
    esac
  done
  [ "$FORMAT" != nagios ] || quiet=1   # nothing but the plugin line
  require_dotnet
  require_root_or_prefix
  demo_restic_password
  if [ -n "$features" ]; then
    [ -e "$features" ] || die "--features: no such file or directory: $features"
    export BACKUP_ACCEPTANCE_FEATURES; BACKUP_ACCEPTANCE_FEATURES="$(cd "$(dirname "$features")" && pwd)/$(basename "$features")"
  fi
  check_features "${BACKUP_ACCEPTANCE_FEATURES:-$ROOT/features}"
  # No build servers: an MSBuild node or compiler server started here would carry the run's id and be killed with it.
  local args=(test "$ROOT/src/BackupAcceptance.Suite" --disable-build-servers --logger "trx;LogFileName=suite.trx"
    --results-directory "$RESULTS")
  [ -n "$tags" ] && args+=(--filter "$(tags_to_filter "$tags")")
  args+=("${extra[@]}")

  # The run empties the results folder first: what the user keeps there (feature files, a history) would be deleted.
  outside_results "${BACKUP_ACCEPTANCE_FEATURES:-$ROOT/features}" "--features:"
  outside_results "${BACKUP_ACCEPTANCE_ALLURE_HISTORY:-$ROOT/allure-history/history.jsonl}" "BACKUP_ACCEPTANCE_ALLURE_HISTORY:"
  outside_results "${BACKUP_ACCEPTANCE_COUNT_HISTORY:-$ROOT/allure-history/counts.jsonl}" "BACKUP_ACCEPTANCE_COUNT_HISTORY:"
  claim_results
  export BACKUP_ACCEPTANCE_RESULTS="$RESULTS"
  # What this run checked and with what, for ./run.sh evidence: read now, not when packing (another machine, later).
  run_facts "${BACKUP_ACCEPTANCE_FEATURES:-$ROOT/features}" "$tags" > "$RESULTS/features.txt"
  if [ -n "$shard" ]; then
    # One shard's report is a part: its history point would count a part as a night. ./run.sh report merges, and
    # checks that the parts it is given are all of them, of the same features (shard.txt).
    export BACKUP_ACCEPTANCE_SHARD="$shard"
    export BACKUP_ACCEPTANCE_ALLURE_HISTORY="$RESULTS/shard-history.jsonl"
    printf 'shard %s features %s tags %s\n' "$shard" "$(features_fingerprint "${BACKUP_ACCEPTANCE_FEATURES:-$ROOT/features}")" "$tags" > "$RESULTS/shard.txt"
  else
    unset BACKUP_ACCEPTANCE_SHARD   # a stray one would silently check a part and call it the whole
  fi
  local history="${BACKUP_ACCEPTANCE_ALLURE_HISTORY:-$ROOT/allure-history/history.jsonl}"
  local counts="${BACKUP_ACCEPTANCE_COUNT_HISTORY:-$ROOT/allure-history/counts.jsonl}"
  claim_history "$history" BACKUP_ACCEPTANCE_ALLURE_HISTORY
  claim_history "$counts" BACKUP_ACCEPTANCE_COUNT_HISTORY
  local estate="${BACKUP_ACCEPTANCE_ESTATE_HISTORY:-$ROOT/allure-history/estate.jsonl}"
  claim_history "$estate" BACKUP_ACCEPTANCE_ESTATE_HISTORY
  [ "$quiet" = 1 ] || echo "Checking backups against ${BACKUP_ACCEPTANCE_FEATURES:-$ROOT/features}${tags:+ (tags: $tags)}${shard:+ (shard $shard)} ..."
  local rc=0 interrupted=0 pid=""
  # dotnet test runs in a session of its own: a Ctrl-C there would make it kill the test host before the suite could
  # end the scenario in flight. Ctrl-C, SIGTERM or a closed terminal reach this shell instead, which asks the suite to
  # stop (stop_suite); the suite ends what runs as Interrupted, writes its results, and this shell exits 130. A second
  # Ctrl-C kills the run outright; this shell never leaves it running behind (the EXIT trap).
  trap 'interrupted=$((interrupted + 1)); stop_suite "$pid" "$interrupted"' INT TERM HUP
  trap 'status=$?; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pkill -KILL -s "$pid"; nagios_fallback "$status"' EXIT
  # At a terminal, a long walk shows where it is (directories, files, seconds) instead of a silent wait.
  local progress_pid=""
  if [ -t 1 ] && [ "$quiet" = 0 ]; then export BACKUP_ACCEPTANCE_PROGRESS="$RESULTS/progress.txt"; fi
  # Its own scope of the run's id: what is left of it once it returns is swept (sweep_leftovers).
  suite_command "${args[@]}"   # dotnet test in a source tree, the published suite in a release (run.d/layout.sh)
  BACKUP_ACCEPTANCE_RUN_ID="$BACKUP_ACCEPTANCE_RUN_ID/suite" setsid "${SUITE_COMMAND[@]}" >"$RESULTS/dotnet-test.log" 2>&1 9>&- &
  pid=$!
  if [ -n "${BACKUP_ACCEPTANCE_PROGRESS:-}" ]; then show_progress "$pid" "$BACKUP_ACCEPTANCE_PROGRESS" & progress_pid=$!; fi
  [ "$interrupted" = 0 ] || stop_suite "$pid" 1   # stopped before the launch finished
  wait "$pid" || rc=$?
  while kill -0 "$pid" 2>/dev/null; do rc=0; wait "$pid" || rc=$?; done   # a trap ends wait early
  [ -z "$progress_pid" ] || wait "$progress_pid" 2>/dev/null || true
  trap - INT TERM HUP; trap 'nagios_fallback $?' EXIT
  sweep_leftovers "$BACKUP_ACCEPTANCE_RUN_ID/suite"
  [ "$quiet" = 1 ] || echo
  note_failure_outside_scenarios "$RESULTS/summary.txt" "$rc"
  rc=$(verdict_code "$RESULTS/summary.txt" "$rc")
  local said=""   # --quiet: printed at the end, and only when the run was not all green (cron mails nothing then)
  if [ -s "$RESULTS/summary.txt" ]; then
    if [ "$quiet" = 1 ]; then said=$(print_failures "$RESULTS/summary.txt"); else cat "$RESULTS/summary.txt"; fi
    step_summary "$RESULTS/summary.txt" || { [ "$rc" != 0 ] || rc=2; }
    # A run in which no scenario ran (all filtered out or @ignore) checked nothing: never a green run.
    if grep -q '^0 passed, 0 failed, 0 broken' "$RESULTS/summary.txt"; then
      echo "run.sh: no scenario ran, so nothing was checked (check --features, --tags and @ignore)" >&2
    fi
  else
    # No summary: the build failed, the test host died (killed, crashed) or could not write it.
    tail -n 40 "$RESULTS/dotnet-test.log" 2>/dev/null || true
    echo "run.sh: no summary in $RESULTS: the build or the test host failed before the run ended (see above and $RESULTS/dotnet-test.log); nothing can be said of the backups" >&2
  fi
  [ "$quiet" = 1 ] || echo
  if [ "$quiet" = 1 ]; then
    said+=$'\n'$(report_line "$RESULTS/allure-results" "$RESULTS/allure-report") || { [ "$rc" != 0 ] || rc=2; }
  else
    render_report "$RESULTS/allure-results" "$RESULTS/allure-report" || { [ "$rc" != 0 ] || rc=2; }
    print_estate "$RESULTS"
    if in_release; then echo "Details: $RESULTS/dotnet-test.log; JUnit: $RESULTS/junit.xml"   # no TRX in a release (run.d/layout.sh)
    else echo "Details: $RESULTS/dotnet-test.log; TRX: $RESULTS/suite.trx; JUnit: $RESULTS/junit.xml"; fi
  fi
  # Made during the run: the group's too, when one is named. A history that cannot be is said, and the run goes on.
  ( tighten "$history"; tighten "$counts"; tighten "$estate" ) || { [ "$rc" != 0 ] || rc=2; }
  # A folder that filled up or turned read-only during the run holds results cut short: the suite's own trouble.
  local why; why=$(unwritable "$RESULTS")
  if [ -n "$why" ]; then
    echo "run.sh: the results folder $RESULTS could not be written to the end ($why): the results in it are incomplete" >&2
    [ "$rc" != 0 ] || rc=2
  fi
  if [ "$interrupted" -gt 0 ] || grep -q '^INTERRUPTED: ' "$RESULTS/summary.txt" 2>/dev/null; then rc=130; fi
  # What monitoring reads; outputs that cannot be written are the suite's own trouble (a FAIL stays 1).
  write_outputs "$rc" "$RESULTS/summary.json" || { [ "$rc" != 0 ] || rc=2; }
  [ "$quiet" = 0 ] || [ "$rc" = 0 ] || printf '%s\n' "${said#$'\n'}"
  echo "$rc" 2>/dev/null > "$RESULTS/exit-code" || true   # a folder that cannot take it was said above
  [ "$rc" != 130 ] || echo "run.sh: the run was interrupted; its results are partial (exit 130)" >&2
  nagios_exit
  exit "$rc"
}

# check_features PATH: a folder or a regular file, and every .feature in a folder a regular file: a FIFO or a device
# would block the run on its first read.
check_features() {
  local odd
  [ -d "$1" ] || [ -f "$1" ] || die "--features: $1 is a $(stat -L -c %F -- "$1" 2>/dev/null || echo 'broken link'), neither a folder nor a regular file"
  [ -d "$1" ] || return 0
  odd=$(find -L "$1" -name '*.feature' ! -type f -print -quit 2>/dev/null) || true
  [ -z "$odd" ] || die "--features: $odd is a $(stat -L -c %F -- "$odd" 2>/dev/null || echo 'broken link'), not a regular file"
}

# run_facts FEATURES TAGS: the feature files checked (path, fingerprint, tags) and the machine that checked them.
run_facts() {
  local versions
  versions=$(dpkg-query -W -f '${Package} ${Version}\n' amanda-server amanda-client 2>/dev/null | paste -sd ',' -)
  printf 'features %s\nfingerprint %s\ntags %s\n' "$1" "$(features_fingerprint "$1")" "$2"
  printf 'host %s\namanda %s\nsuite %s\n' "$(hostname -f 2>/dev/null || hostname)" "${versions:-unknown}" "$(suite_identity)"
}

# suite_identity: which suite checked: an installed release's version and commit (its RELEASE file: no git there), or
# the clone's commit and whether it had local changes.
suite_identity() {
  if in_release; then
    printf 'release %s, commit %s' "$(sed -n '1s/^backup-acceptance //p' "$ROOT/RELEASE")" "$(sed -n 's/^commit //p' "$ROOT/RELEASE")"
  else
    printf 'commit %s%s' "$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
      "$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' (with local changes)')"
  fi
}

# features_fingerprint PATH: SHA-256 over the feature files' relative names and contents, the same on every runner.
features_fingerprint() {
  if [ -d "$1" ]; then
    (cd "$1" && find -L . -name '*.feature' -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) | sha256sum | cut -c1-16
  else
    { basename "$1"; sha256sum < "$1"; } | sha256sum | cut -c1-16
  fi
}

# ./run.sh report DIR...: the results folders of a sharded run (each from ./run.sh --shard I/N) merged into one: the
# Allure results into one report with the history, the summaries into one summary, and the exit code of the whole.
merge_reports() {
  unset BACKUP_ACCEPTANCE_SHARD   # the merge is the whole night: it writes the shared Prometheus textfile
  local quiet=0 parts=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --quiet|-q) quiet=1; shift ;;
      --format) [ $# -ge 2 ] || die "--format needs text or nagios"; use_format "$2"; shift 2 ;;
      *) parts+=("$1"); shift ;;
    esac
  done
  [ "$FORMAT" != nagios ] || quiet=1
  set -- "${parts[@]}"
  [ $# -ge 1 ] || die "report needs the results folders of the shards (each written by ./run.sh --shard I/N)"
  local dir first="" blocks here part count="" fingerprint="" seen=" " worst=0 code absolute=()
  for dir in "$@"; do absolute+=("$(absolute_path "$dir")"); done   # relative to where run.sh was started, as above
  set -- "${absolute[@]}"
  here=$(realpath -m -- "$RESULTS")
  for dir in "$@"; do
    [ -s "$dir/summary.txt" ] && [ -d "$dir/allure-results" ] && [ -f "$dir/allurerc.json" ] && [ -s "$dir/shard.txt" ] \
      || die "report: $dir is not the results folder of a ./run.sh --shard run (summary.txt, allure-results/, allurerc.json, shard.txt)"
    # The merged results replace $RESULTS: a part kept inside it would be deleted before it is read.
    case "$(cd "$dir" && pwd -P)/" in "$here"/*) die "report: $dir lies inside $RESULTS, which the merge empties; keep the parts elsewhere (e.g. shards/)" ;; esac
    # shard I/N features FINGERPRINT tags EXPR: every part of one run, each once, of the same features and tags.
    read -r _ part _ < "$dir/shard.txt"
    [ -z "$count" ] || [ "${part#*/}" = "$count" ] || die "report: $dir is part $part, the others are parts of $count"
    count=${part#*/}
    [ -z "$fingerprint" ] || [ "$(cut -d' ' -f3- "$dir/shard.txt")" = "$fingerprint" ] \
      || die "report: $dir ran other feature files or tags than the first part ($(cut -d' ' -f3- "$dir/shard.txt"))"
    fingerprint=$(cut -d' ' -f3- "$dir/shard.txt")
    [[ "$seen" != *" ${part%/*} "* ]] || die "report: part $part is given twice"
    seen+="${part%/*} "
  done
  local missing=() i
  for ((i = 1; i <= count; i++)); do [[ "$seen" == *" $i "* ]] || missing+=("$i/$count"); done
  [ "${#missing[@]}" = 0 ] || die "report: parts missing: ${missing[*]} (a part that did not run checked nothing: the merge would lie)"
  claim_results
  mkdir -p "$RESULTS/allure-results"
  for dir in "$@"; do
    # Result and attachment names are UUIDs; categories.json and the environment are the same in every shard.
    cp -f "$dir"/allure-results/* "$RESULTS/allure-results/"
    [ -n "$first" ] || first="$dir/allurerc.json"
    # A part that exited otherwise than its summary says (interrupted, a failure outside the scenarios) counts too.
    code=$(cat "$dir/exit-code" 2>/dev/null) || code=2
    if [ "$code" = 130 ] || { [ "$code" = 1 ] && [ "$worst" != 130 ]; } || { [ "$code" = 2 ] && [ "$worst" = 0 ]; }; then worst=$code; fi
  done
  local history="${BACKUP_ACCEPTANCE_ALLURE_HISTORY:-$ROOT/allure-history/history.jsonl}"
  [[ "$history" != *'"'* ]] || die "report: a history path with a double quote cannot go into allurerc.json"
  claim_history "$history" BACKUP_ACCEPTANCE_ALLURE_HISTORY
  sed "s|\"historyPath\": \"[^\"]*\"|\"historyPath\": \"$(sed 's/[\\|&]/\\&/g' <<<"$history")\"|" "$first" > "$RESULTS/allurerc.json"
  # Each scenario's block (its verdict line and reason lines), from every shard, sorted as one run's summary is.
  blocks=$(for dir in "$@"; do
    awk 'function out() { if (b != "") { k = b; sub(/^(PASS|FAIL|BROKEN) +/, "", k); print k "\036" b }; b = "" }
         /^(PASS|FAIL|BROKEN) /{out(); b=$0; next} /^        /{if (b != "") b=b "\037" $0; next} {out()} END{out()}' "$dir/summary.txt"
  done | LC_ALL=C sort | sed 's/^[^\o036]*\o036//')
  {
    [ -z "$blocks" ] || printf '%s\n' "$blocks" | tr '\037' '\n'
    printf '%d passed, %d failed, %d broken; merged from %d parts of %d\n' \
      "$(grep -c '^PASS ' <<<"$blocks")" "$(grep -c '^FAIL ' <<<"$blocks")" "$(grep -c '^BROKEN ' <<<"$blocks")" "$#" "$count"
    grep -h '^INTERRUPTED: ' "${@/%//summary.txt}" || true
  } > "$RESULTS/summary.txt"
  { cat "$1/features.txt" 2>/dev/null; echo "merged from $# parts of $count"; } > "$RESULTS/features.txt"
  [ ! -f "$1/settings.txt" ] || cp -f -- "$1/settings.txt" "$RESULTS/settings.txt"   # the parts ran with the same settings file
  local said=""   # --quiet: printed at the end, and only when the run was not all green
  if [ "$quiet" = 1 ]; then said=$(print_failures "$RESULTS/summary.txt"); else cat "$RESULTS/summary.txt"; echo; fi
  local rc; rc=$(verdict_code "$RESULTS/summary.txt" 0)
  if [ "$worst" = 130 ]; then rc=130; elif [ "$rc" = 0 ] && [ "$worst" != 0 ]; then rc=$worst; fi
  step_summary "$RESULTS/summary.txt" || { [ "$rc" != 0 ] || rc=2; }
  if [ "$quiet" = 1 ]; then
    said+=$'\n'$(report_line "$RESULTS/allure-results" "$RESULTS/allure-report") || { [ "$rc" != 0 ] || rc=2; }
  else
    render_report "$RESULTS/allure-results" "$RESULTS/allure-report" || { [ "$rc" != 0 ] || rc=2; }
  fi
  # In a subshell: a history that cannot be tightened is said, and a FAIL stays 1 (1 wins over 2).
  ( tighten "$history" ) || { [ "$rc" != 0 ] || rc=2; }
  # The parts' summary.json merged into one, and what monitoring reads of the whole run.
  write_outputs "$rc" "${@/%//summary.json}" || { [ "$rc" != 0 ] || rc=2; }
  [ "$quiet" = 0 ] || [ "$rc" = 0 ] || printf '%s\n' "${said#$'\n'}"
  [ "$rc" != 130 ] || echo "run.sh: a part was interrupted; the merged results are partial (exit 130)" >&2
  nagios_exit
  exit "$rc"
}

# ./run.sh evidence: the last run's results packed for an audit into one archive, with a SHA-256 manifest of every
# file and what the run was (time, host, Amanda's version, the suite's commit, the feature files' fingerprint).
pack_evidence() {
  [ $# -eq 0 ] || die "'evidence' takes no arguments (BACKUP_ACCEPTANCE_RESULTS names the run, BACKUP_ACCEPTANCE_EVIDENCE_DIR where to write)"
  [ -s "$RESULTS/summary.txt" ] || die "evidence: no run in $RESULTS (no summary.txt): run ./run.sh first"
  # The run is packed whole or not at all: not while a run writes it (its lock).
  if [ -f "$RESULTS/$LOCK_NAME" ]; then
    exec 9<"$RESULTS/$LOCK_NAME"
    flock -n 9 || die "evidence: a run (PID $(cat -- "$RESULTS/$LOCK_NAME" 2>/dev/null)) is writing $RESULTS: pack it once that run has ended"
  fi
  local out="${BACKUP_ACCEPTANCE_EVIDENCE_DIR:-$ROOT/evidence}" stamp staging name file err
  [ ! -e "$out" ] || [ -d "$out" ] || die "evidence: $out is not a folder: it is left as it is; name a folder (BACKUP_ACCEPTANCE_EVIDENCE_DIR)"
  # The archive holds every transcript: written only where no other user can swap or read it, in a folder of its own.
  out=$(realpath -m -- "$out")
  trusted_folders "evidence: the folder" "$out" "$out" BACKUP_ACCEPTANCE_EVIDENCE_DIR
  err=$(mkdir -p -- "$out" 2>&1) || die "evidence: the folder $out cannot be made: ${err##*: }"
  err=$(unwritable "$out"); [ -z "$err" ] || die "evidence: the folder $out is not writable: $err"
  owned_by_me "evidence: the folder" "$out" BACKUP_ACCEPTANCE_EVIDENCE_DIR
  tighten "$out"
  stamp=$(date -u -r "$RESULTS/summary.txt" +%Y%m%dT%H%M%SZ)
  name="backup-acceptance-evidence-$(hostname -s)-$stamp"
  staging=$(mktemp -d "/tmp/$name.XXXXXX")
  trap 'rm -rf -- "$staging"' EXIT
  mkdir -p "$staging/$name" "$out"
  for file in summary.txt summary.json junit.xml backup_acceptance.prom suite.trx dotnet-test.log allure-report/index.html estate.html settings.txt features.txt shard.txt exit-code; do
    [ -e "$RESULTS/$file" ] || continue
    mkdir -p "$staging/$name/$(dirname "$file")"
    cp -p "$RESULTS/$file" "$staging/$name/$file"
  done
  # The Allure results hold every step's amrecover transcript and evidence as attachments.
  [ -d "$RESULTS/allure-results" ] && cp -pr "$RESULTS/allure-results" "$staging/$name/"
  # What was asserted: the feature files themselves, when they are still where the run read them.
  local features; features=$(sed -n 's/^features //p' "$RESULTS/features.txt" 2>/dev/null) || features=""   # not a ./run.sh run
  if [ -d "$features" ]; then
    mkdir -p "$staging/$name/features"
    (cd "$features" && find -L . -name '*.feature' -type f -exec cp -p --parents -- {} "$staging/$name/features/" \;)
  elif [ -f "$features" ]; then
    mkdir -p "$staging/$name/features" && cp -p -- "$features" "$staging/$name/features/"
  fi
  {
    echo "run finished: $(date -u -r "$RESULTS/summary.txt" '+%Y-%m-%d %H:%M:%S UTC')"
    echo "packed: $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname -f 2>/dev/null || hostname)"
    # Written by the run itself (or by the merge, from its parts): what was checked, where, with which Amanda.
    if [ -f "$RESULTS/features.txt" ]; then sed 's/^/run /' "$RESULTS/features.txt"; else echo "run: unknown (not a ./run.sh run)"; fi
    echo "verdict: $(grep -m1 -E '^[0-9]+ passed, ' "$RESULTS/summary.txt")"
  } > "$staging/$name/RUN.txt"
  (cd "$staging/$name" && find . -type f ! -name MANIFEST.sha256 -print0 | LC_ALL=C sort -z | xargs -0 sha256sum > MANIFEST.sha256)
  tar -C "$staging" -czf "$out/$name.tar.gz" "$name" || { rm -f -- "$out/$name.tar.gz"; die "evidence: $out/$name.tar.gz could not be written (see above)"; }
  tighten "$out/$name.tar.gz"
  rm -rf -- "$staging"; trap - EXIT
  echo "Evidence: $out/$name.tar.gz"
  echo "  sha256 $(sha256sum "$out/$name.tar.gz" | cut -d' ' -f1)"
  echo "  check: tar -xzf $name.tar.gz && cd $name && sha256sum -c MANIFEST.sha256"
}

# The suite's own overhead: one run of the demo features, its wall time against the time it waited on amrecover
# (the summary's "run ... s" line), appended to the benchmark's results.
bench_demo_run() {
  local out; out=$(mktemp -d /tmp/bench-demo-run.XXXXXX)
  local t0=${EPOCHREALTIME//[.,]/} rc=0
  BACKUP_ACCEPTANCE_RESULTS="$out" dotnet test "$ROOT/src/BackupAcceptance.Suite" -c Release --disable-build-servers >"$out/dotnet-test.log" 2>&1 || rc=$?
  local wall=$(( (${EPOCHREALTIME//[.,]/} - t0) / 100000 ))
  local line
  line=$(grep -m1 '^run ' "$out/summary.txt" 2>/dev/null) || { echo "bench: the demo run wrote no summary (exit $rc), see $out/dotnet-test.log"; return 0; }
  line="Demo run (the features in features/, $(grep -m1 ' passed, ' "$out/summary.txt")): $line; dotnet test took $((wall / 10)).$((wall % 10)) s in all (build check and test host included)."
  echo "$line"; printf '\n%s\n' "$line" >> "$ROOT/docs/bench/results.md"
  rm -rf -- "$out"
}

# The report's browser test opens the HTML report in Debian's Chromium: installed here, as provisioning installs Amanda,
# so ./run.sh test needs nothing else on a fresh machine.
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "the report's browser test needs Debian's chromium: install it (apt-get install chromium) or run as root"
  echo "run.sh: installing chromium (Debian) for the report's browser test ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
    || die "apt-get install chromium failed"
}

# run_own_tests ALL: ALL=1 runs every test (CI); else the tests of categories Slow and WholeRun are left out
# (docs/tests.md).
run_own_tests() {
  local filter=()
  [ "$1" = 1 ] || filter=(--filter "TestCategory!=Slow&TestCategory!=WholeRun")
  require_dotnet
  ensure_chromium
  ensure_prometheus_parser
  claim_results
  export BACKUP_ACCEPTANCE_REQUIRE_AMANDA=1 BACKUP_ACCEPTANCE_RESULTS="$RESULTS/suite"
  demo_restic_password
  local rc=0
  ensure_report_tools || exit 2   # the suite's own trouble; the report's browser test renders with them
  # The whole solution: the acceptance suite on the demo features, the project's own tests, the glue's tests.
  [ "$1" = 1 ] || echo "run.sh: the slow and whole-run integration tests are left out (categories Slow, WholeRun); ./run.sh test --all runs every test"
  BACKUP_ACCEPTANCE_RUN_ID="$BACKUP_ACCEPTANCE_RUN_ID/tests" dotnet test "$ROOT/BackupAcceptance.sln" --disable-build-servers "${filter[@]}" --logger "trx" --results-directory "$RESULTS" 2>&1 9>&- \
    | tee "$RESULTS/dotnet-test.log" || rc=$?
  sweep_leftovers "$BACKUP_ACCEPTANCE_RUN_ID/tests"
  [ -s "$RESULTS/suite/summary.txt" ] && { echo; echo "Acceptance suite on the demo features:"; cat "$RESULTS/suite/summary.txt"; }
  render_report "$RESULTS/suite/allure-results" "$RESULTS/suite/allure-report" || { [ "$rc" != 0 ] || rc=1; }
  closing_line
  exit "$rc"
}

case "${1:-}" in -h|--help|help) usage; exit 0 ;; esac
release_refuses "${1:-}"   # demo, test, mutate, bench, package need the source tree
results_umask    # what the run writes is the user's alone (or BACKUP_ACCEPTANCE_RESULTS_GROUP's to read)
start_watchdog   # nothing the run starts outlives run.sh
case "${1:-}" in
  demo) shift; provision; run_suite "$@" ;;
  test) shift; all=0
        case "${1:-}" in --all) all=1; shift ;; esac
        [ $# -eq 0 ] || die "'test' takes only --all (every test, the slow ones too), got: $*"
        provision; run_own_tests "$all" ;;
  mutate) shift; require_dotnet; status=0; "$ROOT/tests/mutations/run.sh" "$@" || status=$?; exit "$status" ;;
  report) shift; merge_reports "$@" ;;
  evidence) shift; pack_evidence "$@" ;;
  baseline) shift; require_root_or_prefix
            status=0; run_program BackupAcceptance.Baseline "$@" || status=$?; exit "$status" ;;
  package) shift; build_package "$@" ;;
  bench) shift; require_dotnet; require_root_or_prefix
         # The suite at N generated scenarios: time, memory of every process of the run, results, report (issue 26).
         if [ "${1:-}" = scenarios ]; then shift; "$ROOT/bench/scenarios.sh" --out "$ROOT/docs/bench/scenarios.md" "$@"; exit $?; fi
         if [ "${1:-}" = restic ]; then
           # The core on a restic subject against a short script (the demo's good fixture unless subjects are named).
           shift; demo_restic_password
           dotnet run --project "$ROOT/bench/BackupAcceptance.Bench" -c Release --disable-build-servers -- restic --out "$ROOT/docs/bench/restic.md" "$@"
           exit $?
         fi
         if [ "${1:-}" = estate ]; then
           # The whole estate: the estate step and a baseline feature of every disk against a one-session script.
           shift; sizes=300,1000
           [ "${1:-}" != --disks ] || { sizes=$2; shift 2; }
           dotnet run --project "$ROOT/bench/BackupAcceptance.Bench" -c Release --disable-build-servers -- estate --disks "$sizes" --out "$ROOT/docs/bench/estate.md" "$@" || exit $?
           "$ROOT/bench/estate-feature.sh" ${sizes//,/ } || exit $?
           exit 0
         fi
         dotnet run --project "$ROOT/bench/BackupAcceptance.Bench" -c Release --disable-build-servers -- --out "$ROOT/docs/bench/results.md" "$@" || exit $?
         bench_demo_run
         # The report side: a night of 1,000 results rendered by the pinned Allure 3 (needs a demo run's results).
         demo_results="$RESULTS/suite/allure-results"
         [ -d "$demo_results" ] || demo_results="$RESULTS/allure-results"
         if [ -d "$demo_results" ] && ensure_report_tools; then
           line=$(node "$ROOT/bench/report/render-1000.mjs" "$demo_results" 1000)
           echo "$line"; printf '\n%s\n' "$line" >> "$ROOT/docs/bench/results.md"
         else
           echo "bench: no Allure results to clone (run ./run.sh demo first); report rendering not timed"
         fi ;;
  *) run_suite "$@" ;;
esac
