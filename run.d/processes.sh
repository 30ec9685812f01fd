# run.d/processes.sh (sourced by run.sh) - nothing a run starts outlives it.
#
# Every process of a run carries BACKUP_ACCEPTANCE_RUN_ID. run.sh exports "run-PID-NONCE" (under the caller's, when a
# run started it) and gives dotnet test ".../suite"; the test host adds "/host-PID-NONCE" for what it starts
# (src/BackupAcceptance.Suite/Run/RunWatchdog.cs). watchdog.sh kills a scope and every scope under it.

WATCHDOG="$ROOT/src/BackupAcceptance.Suite/Run/watchdog.sh"

# start_watchdog: this run's id, exported, and the watchdog (a session of its own) that SIGKILLs every process of the
# run once this shell is gone however it ended: a CI job's timeout sends SIGKILL, which no trap sees.
start_watchdog() {
  local parent=${BACKUP_ACCEPTANCE_RUN_ID:-} stat
  [[ "$parent" =~ ^[A-Za-z0-9.-]+(/[A-Za-z0-9.-]+)*$ ]] || parent=""
  export BACKUP_ACCEPTANCE_RUN_ID="${parent:+$parent/}run-$$-$(printf '%08x' "$SRANDOM")"
  stat=$(< "/proc/$$/stat")
  set -- ${stat##*) }
  env -u BACKUP_ACCEPTANCE_RUN_ID setsid bash "$WATCHDOG" "$BACKUP_ACCEPTANCE_RUN_ID" "$$" "${20}" </dev/null >/dev/null 2>&1 &
}

# sweep_leftovers SCOPE: once dotnet test has returned, whatever of its scope still runs is killed, and named.
sweep_leftovers() {
  local killed
  killed=$(bash "$WATCHDOG" --now "$1") || true
  [ -z "$killed" ] || { echo "run.sh: killed what the test run left running:"; sed 's/^/  /' <<<"$killed"; } >&2
}
