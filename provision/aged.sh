#!/usr/bin/env bash
# aged.sh - the scratch Amanda configuration "ba-aged": one small disk (disks/ba-aged.tsv) dumped once under faketime ten
# days in the past, so recovery-point steps have a real old dump to fail on (amrecover lists its files with that dump
# date). Needs the demo's Amanda (amanda-demo.sh, which runs this at its end); leaves ba-daily alone. As root; idempotent.

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=ba-aged
for part in common install fixtures config dumps; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

AGE='10 days ago'
FIXTURES=/srv/fixtures
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
SEED=0
use_config ba-aged 4
build_aged() { local n; for n in 1 2 3; do printf 'aged file %d\n' "$n" > "$1/file$n.txt"; done; }
read_disks "$PROVISION_DIR/disks/ba-aged.tsv"

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase packages
ensure_faketime

phase fixtures
for name in "${FIXTURE_NAMES[@]}"; do ensure_fixture "$name"; done

phase config
write_server_config

phase dump
# Every Amanda command of this configuration runs in the past, so the dump, its log and its index are all dated then.
as_backup() { runuser -u backup -- faketime "$AGE" "$@"; }
check_config
reasons=()
if [ "${#REBUILT[@]}" -gt 0 ]; then reasons+=("fixture rebuilt"); fi
dump_if_needed "${reasons[@]}"
phase_end

log "aged: $(as_backup amadmin "$CONF" find | grep -c ' OK *$') dump(s), the newest of $(as_backup amadmin "$CONF" find | awk '$NF == "OK" {print $1}' | sort | tail -1)"
