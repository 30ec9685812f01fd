#!/usr/bin/env bash
# realdata.sh - the scratch Amanda configuration "ba-real" (provision/disks/ba-real.tsv): real trees instead of
# fixtures, to try the suite on data nobody wrote for it (docs/realdata.md). /usr/share/doc is dumped as it lives; a
# copy of /usr/include at /srv/fixtures/real/include is dumped at level 0, then changed as a site changes (a directory
# deleted, one renamed, a file rewritten) and dumped at level 1. Needs the demo's Amanda (amanda-demo.sh); leaves the
# demo's configurations alone. As root. Each run starts the copy afresh and dumps twice (about a minute).

set -euo pipefail
set -o errtrace

PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=realdata
for part in common install fixtures config dumps; do
  # shellcheck source=/dev/null
  source "$PROVISION_DIR/lib/$part.sh"
done

FIXTURES=/srv/fixtures
COPY=/srv/fixtures/real/include
use_config ba-real 6
read_disks "$PROVISION_DIR/disks/ba-real.tsv"

require_root
command -v amrecover >/dev/null || die "provision the demo first (provision/amanda-demo.sh): Amanda is not installed"

phase copy
rm -rf -- "$COPY"; mkdir -p -- "$(dirname "$COPY")"
cp -a /usr/include "$COPY"
log "$COPY: $(count "$COPY" f) files, $(count "$COPY" d) directories"

phase config
write_server_config
check_config

phase level0
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

phase prewarm
prewarm
phase_end
log "realdata: total $(secs_since "$T_START")s"
