#!/usr/bin/env bash
# amanda-demo.sh - build a real Amanda 3.5.1 server AND client on this one Debian 12 host, with
# fixture disks made to break naive amrecover drivers, and dump them to virtual tapes.
#
# Why: BackupAcceptance verifies backups by driving real `amrecover` sessions. Its tests and CI
# need a real catalogue to browse and restore from: odd file names (quotes, glob characters, TAB,
# non-ASCII, names that look like amrecover commands), an empty disk, a "hollow" disk of empty
# directories only, a disk that is listed but never dumped, and a large disk for walk speed.
#
# How: `auth "local"` for amdump and for amrecover on config ba-daily, so they fork amandad over pipes;
# ba-daily-net serves the same dumps through amandad under inetd with auth "bsdtcp" (port 10080), as a
# client on another machine reaches them. Must run as root. Uses only bash, coreutils and perl
# (a bare Debian 12 has no python). Idempotent: a re-run checks the setup in seconds and dumps
# only when a dumpable disk lacks an OK dump, a fixture was rebuilt, or a dump is forced.
# Background: docs/amrecover.md (what the suite relies on in amrecover) and docs/demo.md. The parts: lib/ (common,
# install, fixtures, config, dumps, faults) and the disk table disks/ba-daily.tsv (which disks, dumptypes and
# fixture versions).
#
# Layout:
#   /etc/amanda/$AMANDA_CONFIG/{amanda.conf,disklist}   server config (backup:backup 0660)
#   /etc/amanda/$AMANDA_CONFIG/amanda-client.conf       what amrecover reads (auth local); the site's
#                                                       /etc/amanda/amanda-client.conf is never written
#   /etc/amanda/<name>/.backup-acceptance-demo          the demo made <name>; any other configuration is refused
#   /var/lib/amanda/$AMANDA_CONFIG/{curinfo,index,log}  server state and per-dump indexes
#   /srv/amanda/vtapes/$AMANDA_CONFIG/slot1..slot20     chg-disk virtual tapes
#   /srv/amanda/holding/$AMANDA_CONFIG                  holding disk
#   /srv/fixtures/<name>                                fixture disks (see --help)
#   /srv/fixtures/.stamps/<name>                        fixture version; a match skips the rebuild

set -euo pipefail
# Functions too must hit the ERR trap, so a failure names its phase and line.
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)   # before the script leaves for /
PROVISION_NAME=amanda-demo
for part in common install fixtures config dumps faults network; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done
DISKS="$PROVISION_DIR/disks/ba-daily.tsv"

usage() {
  cat <<USAGE
Usage: amanda-demo.sh [--force-dump] [--help]

Builds (as root, on Debian 12) a local Amanda 3.5.1 server+client with auth "local", chg-disk
virtual tapes and fixture disks, dumps them once, and smoke-tests amrecover. Re-runs are a fast
no-op unless a dump is missing, a fixture was rebuilt, or a dump is forced.

Options:
  --force-dump   run amdump even when every dumpable disk already has an OK dump
  -h, --help     print this help and exit

Environment:
  AMANDA_CONFIG=ba-daily       configuration name (/etc/amanda/<name>, labels <name>-NN)
  AMANDA_NET_CONFIG=<config>-net
                            the second name under which amandad serves the same dumps over auth "bsdtcp"
                            (openbsd-inetd, port 10080): what a client on another machine would use
  AMANDA_BIG_FIXTURE=1      0 = neither create nor list /srv/fixtures/big
  AMANDA_FORCE_DUMP=0       1 = same as --force-dump
  AMANDA_RANDOM_NAMES_SEED  seed of /srv/fixtures/randomnames (default 20261126; "fresh" = a new
                            random seed). A different seed rebuilds that fixture and dumps again.

Disks (all on host localhost; provision/disks/ba-daily.tsv):
$(describe_disks "$DISKS")

Configuration ba-nightly (provision/nightly.sh, run at the end; disks in provision/disks/ba-nightly.tsv,
under /srv/fixtures/nightly):
$("$PROVISION_DIR/nightly.sh" --disks)
USAGE
}

BIG="${AMANDA_BIG_FIXTURE:-1}"
FORCE_DUMP="${AMANDA_FORCE_DUMP:-0}"
SEED="${AMANDA_RANDOM_NAMES_SEED:-20261126}"
for arg in "$@"; do
  case "$arg" in
    --force-dump) FORCE_DUMP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; printf '\namanda-demo: unknown argument: %s\n' "$arg" >&2; exit 2 ;;
  esac
done
[[ "$BIG" = 0 || "$BIG" = 1 ]] || { echo "amanda-demo: AMANDA_BIG_FIXTURE must be 0 or 1" >&2; exit 2; }
[[ "$FORCE_DUMP" = 0 || "$FORCE_DUMP" = 1 ]] || { echo "amanda-demo: AMANDA_FORCE_DUMP must be 0 or 1" >&2; exit 2; }
if [ "$SEED" = fresh ]; then SEED=$((SRANDOM % 1000000000)); fi
[[ "$SEED" =~ ^[0-9]+$ ]] || { echo "amanda-demo: AMANDA_RANDOM_NAMES_SEED must be a number or 'fresh'" >&2; exit 2; }

FIXTURES=/srv/fixtures
STAMPS="$FIXTURES/.stamps"
MTIME='2024-01-02 03:04:05 UTC'
[[ "${AMANDA_CONFIG:-ba-daily}" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "amanda-demo: bad AMANDA_CONFIG: ${AMANDA_CONFIG}" >&2; exit 2; }
use_config "${AMANDA_CONFIG:-ba-daily}" 20
NET_CONF="${AMANDA_NET_CONFIG:-$CONF-net}"
[[ "$NET_CONF" =~ ^[A-Za-z0-9_-]+$ && "$NET_CONF" != "$CONF" ]] || { echo "amanda-demo: bad AMANDA_NET_CONFIG: $NET_CONF" >&2; exit 2; }
# Every configuration this run and its parts (aged.sh, state.sh, nightly.sh) write is the demo's or not yet there:
# checked before anything is installed or written (lib/ownership.sh).
for name in "$NET_CONF" "$CONF-refused" ba-aged ba-state ba-nightly; do claim_config "$name"; done
if [ "$BIG" = 1 ]; then read_disks "$DISKS"; else read_disks "$DISKS" big; fi

require_root

phase packages
install_amanda
install_fixture_tools

phase fixtures
for name in "${FIXTURE_NAMES[@]}"; do ensure_fixture "$name"; done
if [ "$BIG" = 0 ]; then log "fixture big skipped (AMANDA_BIG_FIXTURE=0)"; fi

phase config
claim_amandahosts "${AMANDAHOSTS_LINES[@]}"   # before the first Amanda file is written: a site's /etc/amandahosts stops the run
write_server_config

phase amcheck
check_config

phase dump
reasons=()
if [ "$FORCE_DUMP" = 1 ]; then reasons+=("forced"); fi
if [ "${#REBUILT[@]}" -gt 0 ]; then reasons+=("fixtures rebuilt: ${REBUILT[*]}"); fi
# The demo features expect dumps under a day old; a demo used daily is dumped again once it is not.
age=$(newest_dump_age_hours "$FIXTURES/canary")
if [ "$age" -ge 20 ] && [ "$age" != 9999 ]; then reasons+=("the demo's dumps are over 20 hours old"); fi
dump_if_needed "${reasons[@]}"

phase history
make_history "$([ "${#DUMP_REASONS[@]}" -gt 0 ] && echo 1 || echo 0)"

phase prewarm
prewarm

phase faults
# After the prewarm: amindexd's first browse of a cut-short index re-compresses what it could read.
damage_fixtures

phase network
# The same dumps for clients that reach the server over the network (lib/network.sh).
serve_over_bsdtcp "$NET_CONF"

phase aged
# A second configuration whose one dump is ten days old (faketime): the negative control of recovery-point steps.
"$PROVISION_DIR/aged.sh" > /dev/null || die "provision/aged.sh failed (run it alone to see why)"

phase state
# Amanda's own state: an index the tests make unreadable to the dump user for a moment, and a dump dated ahead.
"$PROVISION_DIR/state.sh" > /dev/null || die "provision/state.sh failed (run it alone to see why)"

phase nightly
# A site's nightly schedule as configuration ba-nightly: chains, exclusion, split, compressed, encrypted, amgtar, holding.
"$PROVISION_DIR/nightly.sh" > /dev/null || die "provision/nightly.sh failed (run it alone to see why)"

phase smoke
smoke_test "$CONF" "$FIXTURES/oddnames" README.txt
smoke_test "$NET_CONF" "$FIXTURES/oddnames" README.txt   # over bsdtcp
phase_end

# ------------------------------------------------------------------ summary
echo
echo "Summary for config $CONF:"
printf '  %-24s %-10s %7s %6s\n' disk dumptype files dirs
for dle in "${DLES[@]}"; do
  d=${dle% *}
  printf '  %-24s %-10s %7s %6s\n' "$d" "${dle##* }" "$(count "$d" f)" "$(count "$d" d)"
done
as_backup amadmin "$CONF" find   # prints its own leading blank line
echo
echo "Phases:"
printf '  %s\n' "${PHASE_TIMES[@]}"
log "total $(secs_since "$T_START")s"
