# common.sh - logging, phases and small helpers shared by the provisioning entry points (amanda-demo.sh, growth.sh).
# Sourced; the caller sets `set -euo pipefail` and `set -o errtrace`, and PROVISION_NAME (the prefix of errors).

# Amanda's files are read by the dump user and the fixtures by nobody's data checks: the modes must not depend on the
# caller's umask (run.sh and the test host run under umask 077, so that their results are the user's alone).
umask 022

T_START=${EPOCHREALTIME//[.,]/}   # microseconds; bash builtin, no fork, any locale
PHASE=
PHASE_T0=
PHASE_TIMES=()

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { printf '%s: ERROR: %s\n' "${PROVISION_NAME:-provision}" "$*" >&2; exit 1; }
secs_since() { local d=$(( ${EPOCHREALTIME//[.,]/} - $1 )); printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000)); }
as_backup() { runuser -u backup -- "$@"; }

phase_end() {
  [ -n "$PHASE" ] || return 0
  local s; s=$(secs_since "$PHASE_T0")
  log "-- $PHASE: ${s}s"
  PHASE_TIMES+=("$(printf '%-10s %7ss' "$PHASE" "$s")")
  PHASE=
}
phase() { phase_end; PHASE=$1; PHASE_T0=${EPOCHREALTIME//[.,]/}; log "== $PHASE"; }
trap 'printf "%s: failed in phase %s (line %s of %s)\n" "${PROVISION_NAME:-provision}" "${PHASE:-?}" "$LINENO" "${BASH_SOURCE[0]##*/}" >&2' ERR

# Write stdin to FILE only when it differs, so re-runs keep mtimes and can say "unchanged".
write_if_changed() {
  local file=$1 new old=
  new=$(cat)
  if [ -f "$file" ]; then old=$(cat -- "$file"); fi
  if [ "$new" = "$old" ]; then log "unchanged: $file"; return 0; fi
  printf '%s\n' "$new" > "$file"
  log "written:   $file"
}

require_root() {
  [ "$(id -u)" = 0 ] || die "must run as root (amrecover refuses anyone else)"
  cd /   # runuser keeps the cwd; backup must be able to enter it
}

count() { find "$1" -mindepth 1 -type "$2" | wc -l; }
