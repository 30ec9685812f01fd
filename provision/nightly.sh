#!/usr/bin/env bash
# nightly.sh - the configuration "ba-nightly": a real site's nightly schedule on host localhost, so the suite's verdicts
# can be tested on what sites really have: incremental chains (a deletion, a rename, a level 0 three days back), an
# exclusion, a disk named unlike its directory, and split, compressed (client and server), encrypted, amgtar and
# holding-disk dumps, plus two negative controls of "restore matches live" (a byte flipped on the vtape; a file
# changed after its dump with its mtime put back). The disks are data: provision/disks/ba-nightly.tsv; how each is
# built and changed: lib/nightly-fixtures.sh; amanda.conf: lib/nightly-config.sh; the rounds: lib/nightly-schedule.sh.
# Its own vtapes (/srv/amanda/vtapes/ba-nightly), holding disk, labels (ba-nightly-NN) and fixtures
# (/srv/fixtures/nightly); leaves every other configuration alone. Run by amanda-demo.sh; needs its Amanda; writes
# its own amanda-client.conf (`amrecover ba-nightly` reads it after the host's). As root. Idempotent: a re-run checks
# the stamp and the catalogue in seconds; the whole schedule is told again from scratch (about two minutes) when the
# table changed, a dump is missing, or the newest dump is over 20 hours old.

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=nightly
for part in common install fixtures config dumps nightly-fixtures nightly-config nightly-schedule; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

FIXTURES=/srv/fixtures/nightly
STAMPS=/srv/fixtures/.stamps
MTIME='2024-01-02 03:04:05 UTC'
use_config ba-nightly 12
read_nightly_disks "$PROVISION_DIR/disks/ba-nightly.tsv"

case "${1:-}" in
  "") ;;
  --disks) describe_nightly; exit 0 ;;
  -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; echo; echo "Disks:"; describe_nightly; exit 0 ;;
  *) printf 'nightly: unknown argument: %s (try --help)\n' "$1" >&2; exit 2 ;;
esac

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase packages
install_amanda
install_nightly_tools

phase config
write_nightly_config
ensure_passphrase

phase check
why=$(nightly_missing)
if [ -z "$why" ]; then
  log "$CONF complete: $(as_backup amadmin "$CONF" find | grep -c ' OK *$') dump lines, as disks/ba-nightly.tsv says"
else
  log "schedule to run: $why"
  phase reset
  nightly_reset
  write_nightly_config
  phase fixtures
  nightly_build_fixtures
  phase amcheck
  check_config
  phase schedule
  run_schedule
  phase prewarm
  prewarm
fi

phase smoke
smoke_test "$CONF" "$FIXTURES/deleted" top.txt
phase_end

log "$CONF: total $(secs_since "$T_START")s"
