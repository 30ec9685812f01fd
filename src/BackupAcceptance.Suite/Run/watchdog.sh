#!/usr/bin/env bash
# watchdog.sh SCOPE PID START - nothing of a run outlives the process that owns it.
#
# Every process of a run carries BACKUP_ACCEPTANCE_RUN_ID in its environment: run.sh sets "run-..." and the test
# host adds its own part ("run-.../suite/host-..."), so the value names a scope and the scopes nest. This watchdog,
# in a session of its own, polls the owner PID (with its start time from /proc/PID/stat, so a reused PID is not taken
# for the owner) and, once the owner is gone however it ended (a SIGKILL included), SIGKILLs every process whose
# environment names SCOPE or a scope under it, then exits. A run that ended in order leaves nothing to kill.
#
# watchdog.sh --now SCOPE - the same sweep at once (run.sh after dotnet test returns); prints what it killed.
#
# Processes that drop their environment (env -i, Amanda's own safe_env) are reached through their parents: a matched
# process that leads a process group (amrecover under setsid) has its whole group killed, and a data check's PID
# namespace ends with its first process.
set -u
exec </dev/null

now=0
if [ "${1:-}" = --now ]; then now=1; shift; fi
scope=${1:-}
# Letters, digits, '-' and '.', parts joined by '/': safe inside the pattern below as it is.
[[ "$scope" =~ ^[A-Za-z0-9.-]+(/[A-Za-z0-9.-]+)*$ ]] || { echo "watchdog.sh: bad scope '$scope'" >&2; exit 2; }

# field PID N: the Nth field of /proc/PID/stat after the command name (1 state, 3 process group, 20 start time),
# empty once the process is gone or a zombie.
field() {
  local stat n=$2
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  set -- ${stat##*) }
  [ "$1" != Z ] && echo "${!n}"
}

# sweep: SIGKILL to every process of the scope (and the groups they lead), in rounds until none is left: a process
# forked between the look and the kill is found by the next round. Prints "PID COMMAND" for each one killed.
sweep() {
  local round pids pid
  for round in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(grep -lzE "^BACKUP_ACCEPTANCE_RUN_ID=${scope//./\\.}(/.*)?\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)
    [ -n "$pids" ] || return 0
    for pid in $pids; do
      [ "$pid" != $$ ] || continue
      printf '%s %s\n' "$pid" "$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"
      # The group it leads (amrecover's setsid: amandad, amindexd, tar), then the process itself.
      [ "$(field "$pid" 3)" != "$pid" ] || kill -KILL -- "-$pid" 2>/dev/null
      kill -KILL "$pid" 2>/dev/null
    done
    sleep 0.1
  done
}

if [ "$now" = 1 ]; then sweep; exit 0; fi

owner=${2:-} start=${3:-}
[[ "$owner" =~ ^[0-9]+$ && "$start" =~ ^[0-9]+$ ]] || { echo "watchdog.sh: usage: watchdog.sh SCOPE PID START" >&2; exit 2; }
exec >/dev/null 2>&1   # nobody reads it: the caller's pipes must close when the caller ends
while [ "$(field "$owner" 20)" = "$start" ]; do sleep 0.5; done
killed=$(sweep)
# The owner died without ending its run (a CI timeout's SIGKILL): the system log says what was stopped.
[ -z "$killed" ] || logger -t backup-acceptance "watchdog: $scope ended without its owner (PID $owner); killed: $(tr '\n' ';' <<<"$killed")" 2>/dev/null
exit 0
