#!/usr/bin/env bash
# growth.sh - the growth benchmark's scratch Amanda configuration "growth": one generated disk ten times the demo's big
# disk (disks/growth.tsv), dumped once, so `./run.sh bench --growth` can show how a walk's time and memory grow with
# the tree. Needs the demo's Amanda (amanda-demo.sh) for its packages; leaves the ba-daily config
# alone. As root; idempotent: a re-run with the dump present takes seconds. About 1 GiB of disk and 2-3 minutes.

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=growth
for part in common install fixtures config dumps; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'growth: unknown argument: %s (try --help)\n' "$1" >&2; exit 2 ;;
esac

FIXTURES=/srv/fixtures
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
SEED=0
use_config growth 4
read_disks "$PROVISION_DIR/disks/growth.tsv"

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase packages
install_amanda

phase fixtures
for name in "${FIXTURE_NAMES[@]}"; do ensure_fixture "$name"; done

phase config
write_server_config

phase amcheck
check_config

phase dump
reasons=()
if [ "${#REBUILT[@]}" -gt 0 ]; then reasons+=("fixtures rebuilt: ${REBUILT[*]}"); fi
dump_if_needed "${reasons[@]}"

phase prewarm
prewarm

phase smoke
smoke_test "$CONF" "$FIXTURES/growth" t00/
phase_end

log "growth: $(count "$FIXTURES/growth" d) directories, $(count "$FIXTURES/growth" f) files; total $(secs_since "$T_START")s"
