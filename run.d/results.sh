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
# The probe's name is mktemp's (made with O_EXCL): no one can plant a link under a name guessed in advance.
unwritable() {
  local probe err
  probe=$(mktemp -p "$1" .backup-acceptance-probe.XXXXXXXX 2>&1) || { printf '%s' "${probe##*: }"; return 0; }
  err=$( { printf x > "$probe"; } 2>&1 ) || printf '%s' "${err##*: }"
  rm -f -- "$probe" 2>/dev/null || true
}

# described PATH: "owner NAME (uid N), mode 0NNN" of PATH itself (a link is not followed).
described() { stat -c 'owner %U (uid %u), mode %04a' -- "$1"; }

# trusted_folders WHAT NAME FOLDER VARIABLE: every folder that exists from / down to FOLDER (FOLDER included, resolved;
# NAME, what the sentence names, is FOLDER or a path in it) is owned by root or by this user, and is not writable by
# its group or others unless it has the sticky bit: whoever may write a folder may rename what is in it, swap the
# results for a link to elsewhere, or keep a way in to read them (the restore root's rule, docs/security.md). Refused otherwise: exit 2, naming the folder, owner and mode.
trusted_folders() {
  local what=$1 path=$2 folder=$3 variable=$4 dir="" part uid mode me parts users
  me=$(id -u)
  users="root"; [ "$me" = 0 ] || users="root or $(id -un)"
  IFS=/ read -ra parts <<<"${folder#/}"
  for part in "" "${parts[@]}"; do
    [ -n "$part" ] || [ -z "$dir" ] || continue
    dir="${dir%/}/$part"
    [ -d "$dir" ] || break   # not there yet (made by this user), or not a folder (said by the caller)
    read -r uid mode <<<"$(stat -L -c '%u %a' -- "$dir")"
    if [ "$uid" != 0 ] && [ "$uid" != "$me" ]; then
      die "$what $path is refused: $dir ($(described "$dir")) belongs to another user than $users, who could swap or read what the run writes there; use a folder of $(id -un)'s ($variable)"
    fi
    if (( (8#$mode & 8#022) != 0 && (8#$mode & 8#1000) == 0 )); then
      die "$what $path is refused: $dir ($(described "$dir")) is writable by its group or others and has no sticky bit: they could swap what the run writes there; tighten it or use another folder ($variable)"
    fi
  done
}

# owned_by_me WHAT PATH VARIABLE: PATH, when it is there, is this user's own: one another user owns may be made readable
# by that user again whenever it likes (chmod), and hold links it planted.
owned_by_me() {
  [ -e "$2" ] || return 0
  [ "$(stat -c %u -- "$2")" = "$(id -u)" ] \
    || die "$1 $2 is refused: it is not $(id -un)'s ($(described "$2")): its owner could plant links in it or read what the run writes; use a folder of $(id -un)'s ($3)"
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
  # A link is followed once, here: the folder emptied, locked and checked is the one it names (find does not follow
  # a link given as its start, and would leave the last run's summary in place).
  RESULTS=$(realpath -m -- "$RESULTS")
  trusted_folders "the results folder" "$RESULTS" "$(dirname -- "$RESULTS")" BACKUP_ACCEPTANCE_RESULTS
  # Not writable by this user: said as that (below); writable but another's: its owner keeps a way in.
  [ ! -w "$RESULTS" ] || owned_by_me "the results folder" "$RESULTS" BACKUP_ACCEPTANCE_RESULTS
  local name
  for name in "$MARKER_NAME" "$LOCK_NAME"; do
    [ ! -L "$RESULTS/$name" ] \
      || die "the results folder $RESULTS is refused: its $name is a symbolic link (to $(readlink -- "$RESULTS/$name")), which run.sh never makes; remove it or name another folder (BACKUP_ACCEPTANCE_RESULTS)"
  done
  # A folder run.sh did not make that holds something is someone's (results/ too: it may be a link to elsewhere): a
  # mistyped BACKUP_ACCEPTANCE_RESULTS must not wipe it. Every folder run.sh made has its marker.
  if [ -d "$RESULTS" ] && [ ! -f "$RESULTS/$MARKER_NAME" ] \
     && [ -n "$(ls -A -- "$RESULTS" 2>/dev/null | grep -vxF "$LOCK_NAME")" ]; then
    die "refusing to empty $RESULTS: run.sh did not make it (no $MARKER_NAME file in it)"
  fi
  err=$(mkdir -p -- "$RESULTS" 2>&1) || die "the results folder $RESULTS cannot be made: ${err##*: }"
  why=$(unwritable "$RESULTS")
  [ -z "$why" ] || die "the results folder $RESULTS is not writable: $why"
  owned_by_me "the results folder" "$RESULTS" BACKUP_ACCEPTANCE_RESULTS
  # Made private before the lock is opened: from here no one else can plant a link in it (the link was refused above;
  # bash cannot open without following one, so nothing else may write the folder between that check and the open).
  tighten "$RESULTS"
  [ ! -L "$RESULTS/$LOCK_NAME" ] || die "the results folder $RESULTS is refused: its $LOCK_NAME is a symbolic link, which run.sh never makes"
  # Held by run.sh alone, until it ends (its children get 9>&-: a data check or a leftover must not hold the folder).
  exec 9<>"$RESULTS/$LOCK_NAME" || die "the results folder $RESULTS is not writable: cannot open $LOCK_NAME"
  if ! flock -n 9; then
    holder=$(cat -- "$RESULTS/$LOCK_NAME" 2>/dev/null) || true
    die "another run (PID ${holder:-unknown}) is using the results folder $RESULTS: wait for it to end, or name another folder (BACKUP_ACCEPTANCE_RESULTS)"
  fi
  echo "$$" > "$RESULTS/$LOCK_NAME"
  tighten "$RESULTS/$LOCK_NAME"
  # The last run's verdict files go first, whatever else fails: a build that fails must not read an old summary.
  rm -f -- "$RESULTS/summary.txt" "$RESULTS/exit-code" "$RESULTS/shard.txt"
  err=$(find "$RESULTS" -mindepth 1 -maxdepth 1 ! -name "$LOCK_NAME" -exec rm -rf -- {} + 2>&1) \
    || die "cannot empty the results folder $RESULTS: ${err##*: }"
  : > "$RESULTS/$MARKER_NAME"
}

# claim_history FILE VARIABLE: the report's history (or the count history) must be a file this user can read and append to,
# in a folder it can write: found at the end, the report would not render. Tightened like the results.
claim_history() {
  local file=$1 variable=$2 dir err why
  dir=$(dirname -- "$file")
  # Its folder, resolved, is trusted as the results folder's parents are (the history is the run's too).
  trusted_folders "the history" "$file" "$(realpath -m -- "$dir")" "$variable"
  if [ -e "$file" ] || [ -L "$file" ]; then
    [ -f "$file" ] || die "the history $file is not a regular file: fix it or move it ($variable)"
    [ -r "$file" ] || die "the history $file cannot be read by $(id -un): fix its mode or move it ($variable)"
    [ -w "$file" ] || die "the history $file cannot be written by $(id -un) (read-only or immutable): fix it or move it ($variable)"
    owned_by_me "the history" "$(realpath -- "$file")" "$variable"
  fi
  err=$(mkdir -p -- "$dir" 2>&1) || die "the history's folder $dir cannot be made: ${err##*: }"
  why=$(unwritable "$dir")
  [ -z "$why" ] || die "the history's folder $dir is not writable: $why"
  # The default folder is the suite's own; a folder named by the user keeps its mode.
  [ "$dir" != "$ROOT/allure-history" ] || tighten "$dir"
  tighten "$file"
}

# outside_results PATH WHAT: PATH (a feature file or folder, a history) does not lie in the results folder, which the
# run empties first: the user's file would be deleted.
outside_results() {
  local here there
  here=$(realpath -m -- "$RESULTS"); there=$(realpath -m -- "$1")
  case "$there/" in "$here"/*) die "$2 $1 lies inside the results folder $RESULTS, which the run empties first; keep it elsewhere" ;; esac
}
