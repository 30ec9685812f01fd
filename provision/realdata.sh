#!/usr/bin/env bash
# realdata.sh - the scratch Amanda configuration "ba-real" (provision/disks/ba-real.tsv): real trees instead of
# fixtures, to try the suite on data nobody wrote for it (docs/realdata.md). Copies of /usr/share/doc and /usr/include
# under /srv/fixtures/real (copies: a DLE named like a site's own disk would share its GNU tar incremental state, which
# Amanda keys by host and disk only) are dumped at level 0; then the include copy is changed as a site changes (a
# directory deleted, one renamed, a file rewritten) and dumped at level 1. Needs the demo's Amanda (amanda-demo.sh)
# and the C headers it copies (libc6-dev, linux-libc-dev, zlib1g-dev); leaves the demo's configurations alone. As
# root. Each run starts the copies afresh and dumps twice (about 25 s). ba-real-net serves the same dumps over bsdtcp.

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=realdata
for part in common install fixtures config dumps network; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

FIXTURES=/srv/fixtures
REAL=$FIXTURES/real
COPY=$REAL/include
use_config ba-real 6
read_disks "$PROVISION_DIR/disks/ba-real.tsv"

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"
for needed in /usr/share/doc/bash /usr/include/linux/netfilter /usr/include/sound /usr/include/zlib.h; do
  [ -e "$needed" ] || die "$needed is missing: install libc6-dev linux-libc-dev zlib1g-dev (the trees this script copies)"
done

phase copy
rm -rf -- "$REAL"; mkdir -p -- "$REAL"
cp -a /usr/share/doc "$REAL/doc"
cp -a /usr/include "$COPY"
log "$REAL/doc: $(count "$REAL/doc" f) files; $COPY: $(count "$COPY" f) files, $(count "$COPY" d) directories"

phase config
write_server_config
check_config

phase level0
for disk in "$REAL/doc" "$COPY"; do as_backup amadmin "$CONF" force localhost "$disk" > /dev/null; done   # a rerun too
run_amdump

phase change
# What a night on a real host does: a package's headers removed, a directory renamed, a header rewritten.
rm -rf -- "$COPY/linux/netfilter"
mv -- "$COPY/sound" "$COPY/sound-renamed"
printf '/* rewritten after the level 0 */\n' >> "$COPY/zlib.h"
as_backup amadmin "$CONF" force-level-1 localhost "$COPY" > /dev/null

phase level1
run_amdump "$COPY"
as_backup amadmin "$CONF" find localhost "$COPY"

phase network
# The same dumps over bsdtcp, as a client on another machine reaches them (amandad under inetd; lib/network.sh).
serve_over_bsdtcp ba-real-net

phase prewarm
prewarm
phase_end
log "realdata: total $(secs_since "$T_START")s"
