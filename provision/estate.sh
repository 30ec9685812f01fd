#!/usr/bin/env bash
# estate.sh [N] - the scratch Amanda configuration "estate" (or $ESTATE_CONFIG) of the shard proof (docs/bench/shards.md) and of the
# estate benchmark (./run.sh bench estate, docs/bench/estate.md): N (default 200, at most 2000) small generated disks
# /srv/fixtures/eNNN (e001..e999, then e1000..e2000), a few files each (disk i holds i mod 7 + 1), dumped once.
# Every disk numbered 50 mod 100 (e050, e150, ...) is hollow: directories only, no file, the negative control a
# check of the whole estate must find (3 of 300, 10 of 1,000). Needs the demo's Amanda (amanda-demo.sh); leaves the
# ba-daily config alone. As root; idempotent. Slow at scale: the estimates run one disk at a time (about 0.6 s a
# disk here), the dumps 8 at a time.

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=estate
for part in common install fixtures config dumps; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

COUNT=${1:-200}
[[ "$COUNT" =~ ^[0-9]+$ ]] && [ "$COUNT" -ge 1 ] && [ "$COUNT" -le 2000 ] || { echo "estate: N must be 1-2000" >&2; exit 2; }

FIXTURES=/srv/fixtures
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
SEED=0
use_config "${ESTATE_CONFIG:-estate}" 4   # ESTATE_CONFIG=estate300: a second, smaller configuration beside it

# The disks as data: one table line per disk, generated from the rule above (the same for the same N).
TABLE=$(mktemp /tmp/estate-disks.XXXXXX.tsv)
trap 'rm -f "$TABLE"' EXIT
for ((i = 1; i <= COUNT; i++)); do
  printf -v name 'e%03d' "$i"   # three digits up to 999 (the names earlier runs made), then four
  if ((i % 100 == 50)); then
    # Version 2: hollow disks came with the benchmark (version 1 of e050 held files).
    printf '%s gtar-local 2 no hollow: directories only\n' "$name" >> "$TABLE"
    eval "build_$name() { build_hollow \"\$1\"; }"
    continue
  fi
  printf '%s gtar-local 1 no %d small files\n' "$name" $((i % 7 + 1)) >> "$TABLE"
  # shellcheck disable=SC2016
  eval "build_$name() { local n; for ((n = 1; n <= $((i % 7 + 1)); n++)); do printf 'disk $name file %d\n' \"\$n\" > \"\$1/f\$n.txt\"; done; }"
done
read_disks "$TABLE"

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase fixtures
for name in "${FIXTURE_NAMES[@]}"; do ensure_fixture "$name"; done

phase config
write_server_config
# Hundreds of small disks on one host: Amanda dumps one per host at a time (maxdumps 1), each a second or more of
# its protocol; 8 at once (the estimates stay one by one), or 1,000 disks take an hour on a loaded 2-core machine.
grep -q '^    maxdumps' "$ETC_CONF/amanda.conf" \
  || sed -i '/^define dumptype gtar-local {/a\    maxdumps 8            # estate.sh: many small disks on one host' "$ETC_CONF/amanda.conf"

phase amcheck
check_config

phase dump
reasons=()
if [ "${#REBUILT[@]}" -gt 0 ]; then reasons+=("fixtures rebuilt: ${#REBUILT[@]} disks"); fi
dump_if_needed "${reasons[@]}"

phase prewarm
prewarm
phase_end

log "estate: $COUNT disks; total $(secs_since "$T_START")s"
