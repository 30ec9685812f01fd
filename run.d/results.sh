# run.d/results.sh (sourced by run.sh) - the results folder (BACKUP_ACCEPTANCE_RESULTS) and the report's history:
# checked before the run (a folder this user can write, a history it can read and append to), locked for the whole
# run (one run per folder), emptied only when run.sh made it, and readable by the user alone (0600/0700) or by the
# group BACKUP_ACCEPTANCE_RESULTS_GROUP names (0640/0750, setgid folders). Nothing the user made is ever deleted.
# Every refusal is the suite's own trouble: exit 2, with a sentence that names the path.

LOCK_NAME=.backup-acceptance-lock
MARKER_NAME=.backup-acceptance-results

# results_umask: what run.sh and everything it starts writes is the user's alone, or its group's to read.
results_umask() {
  local group=${BACKUP_ACCEPTANCE_RESULTS_GROUP:-}
  if [ -z "$group" ]; then umask 077; return; fi
  getent group "$group" >/dev/null || die "BACKUP_ACCEPTANCE_RESULTS_GROUP: there is no group '$group' on this machine"
  umask 027
}

# tighten PATH: the user's alone (folder 0700, file 0600), or with a group its to read (folder 2750, file 0640).
tighten() {
  local group=${BACKUP_ACCEPTANCE_RESULTS_GROUP:-} mode err
  [ -e "$1" ] || return 0
  if [ -n "$group" ]; then
    if [ -d "$1" ]; then mode=02750; else mode=00640; fi
    err=$(chgrp -- "$group" "$1" 2>&1 && chmod "$mode" -- "$1" 2>&1) \
      || die "cannot give $1 to the group $group (BACKUP_ACCEPTANCE_RESULTS_GROUP): ${err##*: }"
  else
    if [ -d "$1" ]; then mode=00700; else mode=00600; fi
    err=$(chmod "$mode" -- "$1" 2>&1) || die "cannot make $1 readable by its owner alone: ${err##*: }"
  fi
}

# unwritable DIR: why no file can be written in DIR ("Read-only file system", "No space left on device"), or nothing.
unwritable() {
  local probe="$1/.backup-acceptance-probe.$$" err
  if err=$( { printf x > "$probe"; } 2>&1 ); then rm -f -- "$probe"; return 0; fi
  rm -f -- "$probe" 2>/dev/null || true
  printf '%s' "${err##*: }"
}

# claim_results: $RESULTS made ready for this run: a folder this user can write, locked (a second run on the same
# folder is refused at once, with the holder's PID), private, and emptied of an earlier run's results.
claim_results() {
  local err why holder
  if [ -L "$RESULTS" ] && [ ! -e "$RESULTS" ]; then
    die "the results folder $RESULTS is a symbolic link to nothing: fix it or name another folder (BACKUP_ACCEPTANCE_RESULTS)"
  fi
  if [ -e "$RESULTS" ] && [ ! -d "$RESULTS" ]; then
    die "the results folder $RESULTS is a $(stat -L -c %F -- "$RESULTS"), not a folder: it is left as it is; name a folder (BACKUP_ACCEPTANCE_RESULTS)"
  fi
  # A folder run.sh did not make that holds something is someone's (results/ too: it may be a link to elsewhere): a
  # mistyped BACKUP_ACCEPTANCE_RESULTS must not wipe it. Every folder run.sh made has its marker.
  if [ -d "$RESULTS" ] && [ ! -f "$RESULTS/$MARKER_NAME" ] \
     && [ -n "$(ls -A -- "$RESULTS" 2>/dev/null | grep -vxF "$LOCK_NAME")" ]; then
    die "refusing to empty $RESULTS: run.sh did not make it (no $MARKER_NAME file in it)"
  fi
  err=$(mkdir -p -- "$RESULTS" 2>&1) || die "the results folder $RESULTS cannot be made: ${err##*: }"
  why=$(unwritable "$RESULTS")
  [ -z "$why" ] || die "the results folder $RESULTS is not writable: $why"
  # Held by run.sh alone, until it ends (its children get 9>&-: a data check or a leftover must not hold the folder).
  exec 9<>"$RESULTS/$LOCK_NAME" || die "the results folder $RESULTS is not writable: cannot open $LOCK_NAME"
  if ! flock -n 9; then
    holder=$(cat -- "$RESULTS/$LOCK_NAME" 2>/dev/null) || true
    die "another run (PID ${holder:-unknown}) is using the results folder $RESULTS: wait for it to end, or name another folder (BACKUP_ACCEPTANCE_RESULTS)"
  fi
  echo "$$" > "$RESULTS/$LOCK_NAME"
  tighten "$RESULTS"
  tighten "$RESULTS/$LOCK_NAME"
  err=$(find "$RESULTS" -mindepth 1 -maxdepth 1 ! -name "$LOCK_NAME" -exec rm -rf -- {} + 2>&1) \
    || die "cannot empty the results folder $RESULTS: ${err##*: }"
  : > "$RESULTS/$MARKER_NAME"
}

# claim_history FILE VARIABLE: the report's history (or the count history) must be a file this user can read and append to,
# in a folder it can write: found at the end, the report would not render. Tightened like the results.
claim_history() {
  local file=$1 variable=$2 dir err why
  dir=$(dirname -- "$file")
  if [ -e "$file" ] || [ -L "$file" ]; then
    [ -f "$file" ] || die "the history $file is not a regular file: fix it or move it ($variable)"
    [ -r "$file" ] || die "the history $file cannot be read by $(id -un): fix its mode or move it ($variable)"
    [ -w "$file" ] || die "the history $file cannot be written by $(id -un) (read-only or immutable): fix it or move it ($variable)"
  fi
  err=$(mkdir -p -- "$dir" 2>&1) || die "the history's folder $dir cannot be made: ${err##*: }"
  why=$(unwritable "$dir")
  [ -z "$why" ] || die "the history's folder $dir is not writable: $why"
  # The default folder is the suite's own; a folder named by the user keeps its mode.
  [ "$dir" != "$ROOT/allure-history" ] || tighten "$dir"
  tighten "$file"
}
