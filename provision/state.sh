#!/usr/bin/env bash
# state.sh - the scratch Amanda configuration "ba-state": two small disks (disks/ba-state.tsv) for the checks that
# protect Amanda's own state (docs/amanda-state.md). "guarded" is dumped now and never browsed here: a test makes its
# index file unreadable to the dump user for a moment, and the suite must refuse to browse it (amindexd would replace
# it with an empty gzip). "future" is dumped now, then again (one file more) under faketime three days ahead, as a server whose clock
# was ahead would:
# the suite must name the server's clock. Everything of ba-state is made again from scratch when a dump is missing
# or the future dump is less than a day ahead. Needs the demo's Amanda (amanda-demo.sh runs this); leaves every other
# configuration alone. As root; idempotent (a re-run checks the catalogue in about two seconds).

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=state
for part in common install fixtures config dumps; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

AHEAD='3 days'              # faketime's offset for the future dump
MIN_AHEAD_HOURS=24          # made again below this: the tests need it well past the suite's 5-minute tolerance
FIXTURES=/srv/fixtures/state
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
SEED=0
use_config ba-state 4
build_guarded() { local n; for n in 1 2 3; do printf 'guarded file %d\n' "$n" > "$1/file$n.txt"; done; }
build_future() { local n; for n in 1 2 3; do printf 'future file %d\n' "$n" > "$1/file$n.txt"; done; }
read_disks "$PROVISION_DIR/disks/ba-state.tsv"

# newest_dump DISK: the newest OK dump of DISK as "YYYY-MM-DD hh:mm:ss", or nothing.
newest_dump() {
  as_backup amadmin "$CONF" find localhost "$1" 2>/dev/null | awk '$NF == "OK" {print $1" "$2}' | sort | tail -1
}

# state_reason: why ba-state must be made again (nothing when it is as it should be).
state_reason() {
  local guarded future
  guarded=$(newest_dump "$FIXTURES/guarded")
  future=$(newest_dump "$FIXTURES/future")
  if [ "${#REBUILT[@]}" -gt 0 ]; then echo "fixtures rebuilt: ${REBUILT[*]}"; return; fi
  if [ -z "$guarded" ]; then echo "no dump of guarded"; return; fi
  if [ "$(as_backup amadmin "$CONF" find localhost "$FIXTURES/future" 2>/dev/null | grep -c " OK *$")" -lt 2 ]; then echo "future lacks its two dumps"; return; fi
  if [ -z "$future" ]; then echo "no dump of future"; return; fi
  local ahead=$(( ($(date -d "$future" +%s) - $(date +%s)) / 3600 ))
  if [ "$ahead" -lt "$MIN_AHEAD_HOURS" ]; then echo "the future dump ($future) is only ${ahead} h ahead"; fi
}

# state_reset: ba-state's vtapes, holding disk and catalogue gone (its amanda.conf, disklist and fixtures stay).
state_reset() {
  rm -rf -- "${VTAPES:?}"/* "${HOLDING:?}"/* "${STATE:?}"/{curinfo,index,log}
  rm -f -- "$ETC_CONF"/tapelist* "$ETC_CONF/command_file"
  rm -f -- /var/lib/amanda/gnutar-lists/localhost"$(sed 's/_/__/g; s#/#_#g' <<<"$FIXTURES")"_*
  log "reset: $CONF's vtapes, holding disk and catalogue removed"
}

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase packages
ensure_faketime

phase fixtures
for name in "${FIXTURE_NAMES[@]}"; do ensure_fixture "$name"; done

phase config
write_server_config

phase dump
why=$(state_reason)
if [ -z "$why" ]; then
  log "$CONF as it should be: guarded dumped $(newest_dump "$FIXTURES/guarded"), future dumped $(newest_dump "$FIXTURES/future")"
else
  log "$CONF to make again: $why"
  state_reset
  write_server_config
  check_config
  # future starts as built: its first dump, at the right time, is what amrecover's default date shows.
  rm -rf -- "${FIXTURES:?}/future"; mkdir -p -- "$FIXTURES/future"; build_future "$FIXTURES/future"
  find "$FIXTURES/future" -exec touch -h -d "$MTIME" -- {} +
  run_amdump "$FIXTURES/guarded" "$FIXTURES/future"
  # Then the clock jumps ahead, as a server's clock set wrong would: the second dump of future (with one more file),
  # its log and its index are all dated three days on.
  printf 'future file 4, only in the dump dated ahead\n' > "$FIXTURES/future/file4.txt"
  touch -h -d "$MTIME" -- "$FIXTURES/future/file4.txt"
  as_backup() { runuser -u backup -- faketime "$AHEAD" "$@"; }
  run_amdump "$FIXTURES/future"
  as_backup() { runuser -u backup -- "$@"; }
  REBUILT=()
  why=$(state_reason)
  [ -z "$why" ] || die "$CONF not as it should be after its dumps: $why"
fi
phase_end

log "$CONF: guarded dumped $(newest_dump "$FIXTURES/guarded"), future dumped $(newest_dump "$FIXTURES/future"); total $(secs_since "$T_START")s"
