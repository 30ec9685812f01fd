#!/usr/bin/env bash
# restic-demo.sh - a real restic repository beside the demo Amanda, with the fixtures and controls of
# provision/disks/restic-demo.tsv, for the restic scenarios (features/restic.feature, the restic controls).
#
# Layout (all root's):
#   /srv/restic-fixtures/<name>                        the live trees backed up (host localhost)
#   /var/lib/backup-acceptance/restic-demo/password    the repositories' password (0600, made once, random)
#   /var/lib/backup-acceptance/restic-demo/repo        the repository of every fixture
#   /var/lib/backup-acceptance/restic-demo/damaged     a copy of one snapshot whose packs have a flipped byte: the
#                                                      control restic check must catch
#   .../restic-demo/.backup-acceptance-demo            the demo made this folder; any other is refused
# Idempotent: rebuilt when the fixture table changed or the newest snapshot is over 20 hours old (the demo's
# freshness steps ask for 26). Uses bash, coreutils and restic (installed here from Debian).
set -euo pipefail
set -o errtrace
PROVISION_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROVISION_NAME=restic-demo
# shellcheck source=/dev/null
source "$PROVISION_DIR/lib/common.sh"
TABLE="$PROVISION_DIR/disks/restic-demo.tsv"
FIXTURES=/srv/restic-fixtures
HOME_DIR=/var/lib/backup-acceptance/restic-demo
MARKER="$HOME_DIR/.backup-acceptance-demo"
export RESTIC_PASSWORD_FILE="$HOME_DIR/password"

require_root
if [ -e "$HOME_DIR" ] && [ ! -e "$MARKER" ]; then die "$HOME_DIR exists and is not the demo's: refusing to touch it"; fi
if [ -e "$FIXTURES" ] && [ ! -e "$FIXTURES/.backup-acceptance-demo" ]; then die "$FIXTURES exists and is not the demo's"; fi
command -v restic >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null; }

stamp=$(sha256sum "$TABLE" "$PROVISION_DIR/restic-demo.sh" | sha256sum | cut -c1-16)
if [ -f "$HOME_DIR/stamp" ] && [ "$(cat "$HOME_DIR/stamp")" = "$stamp" ] \
   && [ -n "$(find "$HOME_DIR/stamp" -mmin -1200)" ]; then
  log "restic demo up to date ($HOME_DIR)"; exit 0
fi

mkdir -p -m 0700 "$HOME_DIR"; touch "$MARKER"
mkdir -p "$FIXTURES"; touch "$FIXTURES/.backup-acceptance-demo"
[ -s "$RESTIC_PASSWORD_FILE" ] || (umask 077; head -c 24 /dev/urandom | base64 > "$RESTIC_PASSWORD_FILE")
rm -rf "$HOME_DIR/repo" "$HOME_DIR/damaged" "$HOME_DIR/stamp"
restic --repo="$HOME_DIR/repo" init -q >/dev/null

# files DIR N FROM: N small files in DIR and one level below, named and filled from FROM on.
files() {
  local dir=$1 n=$2 from=${3:-1} i
  mkdir -p "$dir/sub"
  for ((i = from; i < from + n; i++)); do
    if ((i % 2)); then printf 'file %d of the demo\n' "$i" > "$dir/f$i.txt"; else printf 'file %d below\n' "$i" > "$dir/sub/f$i.txt"; fi
  done
}
snapshot() { # NAME WHEN
  local at=()
  case "$2" in
    10days) at=(--time "$(date -d '10 days ago' '+%Y-%m-%d %H:%M:%S')") ;;
    ahead) at=(--time "$(date -d '1 hour' '+%Y-%m-%d %H:%M:%S')") ;;
  esac
  (cd "$FIXTURES" && restic --repo="$HOME_DIR/repo" backup -q --host localhost "${at[@]}" "$FIXTURES/$1" >/dev/null)
}

while read -r name first then when _; do
  case "$name" in ''|'#'*) continue ;; esac
  dir="$FIXTURES/$name"; rm -rf "$dir"; mkdir -p "$dir"
  if [ "$first" = 0 ]; then mkdir -p "$dir/a/b/c" "$dir/d"; else files "$dir" "$first"; fi
  [ "$name" = good ] && printf 'canary %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S')" > "$dir/canary.txt"
  snapshot "$name" "$when"
  case "$then" in
    -) ;;
    same) snapshot "$name" "$when" ;;
    change) for f in "$dir"/f1.txt "$dir"/f3.txt "$dir"/sub/f2.txt; do printf 'changed\n' >> "$f"; done
            files "$dir" 2 100; snapshot "$name" "$when" ;;
    shrink) find "$dir" -type f -name 'f*[02468].txt' -delete
            snapshot "$name" "$when" ;;
    bitrot) f="$dir/f1.txt"; t=$(stat -c %y "$f"); printf '%s' "$(tr 'a-z' 'A-Z' < "$f")" > "$f.new"; printf '\n' >> "$f.new"
            mv "$f.new" "$f"; touch -d "$t" "$f" ;;
    late) printf 'written after the snapshot\n' > "$dir/late.txt" ;;
    *) die "unknown 'then' $then for $name in $TABLE" ;;
  esac
  log "fixture $name: $(find "$dir" -type f | wc -l) files live"
done < "$TABLE"

# The damaged repository: the good fixture's snapshot alone, then a byte flipped in every pack.
restic --repo="$HOME_DIR/damaged" init -q >/dev/null
(cd "$FIXTURES" && restic --repo="$HOME_DIR/damaged" backup -q --host localhost "$FIXTURES/good" >/dev/null)
find "$HOME_DIR/damaged/data" -type f | while read -r pack; do
  chmod u+w "$pack"; printf 'X' | dd of="$pack" bs=1 seek=20 conv=notrunc 2>/dev/null; chmod u-w "$pack"
done
restic --repo="$HOME_DIR/damaged" check --no-lock -q >/dev/null 2>&1 && die "the damaged repository passes restic check"
echo "$stamp" > "$HOME_DIR/stamp"
log "restic demo: $(restic --repo="$HOME_DIR/repo" snapshots --no-lock -q --json | grep -o '"id"' | wc -l) snapshots in $HOME_DIR/repo"
